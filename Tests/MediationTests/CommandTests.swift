import Testing
@testable import Mediation

@Suite("Commands")
struct CommandTests {
    @Test("each command and its arguments", arguments: [
        ("/aside Consommateur 12, Acme", MailCommand.openAside(members: ["Consommateur 12", "Acme"])),
        ("/aside add Consumer 3 , jean@example.fr", .addToAside(members: ["Consumer 3", "jean@example.fr"])),
        ("/close", .close(settled: false)),
        ("/close settled", .close(settled: true)),
        ("/CLOSE Settled", .close(settled: true)),
        ("/extend 15", .extend(days: 15)),
        ("/withdraw", .withdraw),
        ("/retrait", .withdraw),
        ("/remove Consumer 7", .remove("Consumer 7")),
        ("/expert add \"Jane Roe <jane@lab.example>\"", .addExpert(name: "Jane Roe", address: "jane@lab.example")),
        ("/expert add \"Jane Roe\" <jane@lab.example>", .addExpert(name: "Jane Roe", address: "jane@lab.example")),
        ("/expert add jane@lab.example", .addExpert(name: "", address: "jane@lab.example")),
        ("/help", .help),
        ("/dance", .unknown("/dance")),
        ("/extend soon", .unknown("/extend soon")),
        ("/extend -3", .unknown("/extend -3")),
        ("/close now", .unknown("/close now")),
        ("/aside", .unknown("/aside")),
        ("/expert add Jane", .unknown("/expert add Jane")),
    ])
    func parse(line: String, command: MailCommand) {
        #expect(CommandBlock(parsing: line).commands == [command])
    }

    @Test("commands are read from the top lines only, and the rest is the message")
    func topOnly() {
        let block = CommandBlock(parsing: "\n/aside Consumer 1, Acme\n  /extend 10\n\nBonjour à tous,\n/close\nMerci")
        #expect(block.commands == [.openAside(members: ["Consumer 1", "Acme"]), .extend(days: 10)])
        #expect(block.body == "Bonjour à tous,\n/close\nMerci")
    }

    @Test("a message that starts with text carries no command")
    func textFirst() {
        let block = CommandBlock(parsing: "I will /close this later.\n/close")
        #expect(block.commands.isEmpty)
        #expect(block.body == "I will /close this later.\n/close")
    }

    /// Commands were read by splitting the whole text into lines; they are now read line by
    /// line from the top, only as far as the commands go. Both must agree on every text.
    @Test("reading line by line finds what splitting the whole text found")
    func sameAsSplittingIntoLines() {
        func splitting(_ replyText: String) -> CommandBlock {
            var commands: [MailCommand] = []
            var lines = replyText.split(separator: "\n", omittingEmptySubsequences: false)[...]
            while let line = lines.first {
                let text = line.trimmingWhitespace()
                if text.isEmpty {
                    lines = lines.dropFirst()
                } else if text.hasPrefix("/") {
                    commands.append(CommandBlock.parseCommand(text))
                    lines = lines.dropFirst()
                } else {
                    break
                }
            }
            return CommandBlock(commands: commands, body: lines.joined(separator: "\n").trimmingWhitespace().description)
        }
        let pieces = ["\n", "\r\n", " ", "\t", "/close", "/extend 10", " /aside Acme", "Bonjour", "é", "/", "/clore accord", "x /close"]
        // Every text of up to four pieces.
        var texts = [""]
        var longer = [""]
        for _ in 1...4 {
            longer = longer.flatMap { text in pieces.map { text + $0 } }
            texts += longer
        }
        for text in texts {
            let block = CommandBlock(parsing: text)
            let expected = splitting(text)
            #expect(block.commands == expected.commands, "\(text.debugDescription)")
            #expect(block.body == expected.body, "\(text.debugDescription)")
        }
    }

    @Test("who may use which command")
    func permissions() {
        #expect(MailCommand.close(settled: true).isAllowed(for: .mediator))
        #expect(!MailCommand.close(settled: true).isAllowed(for: .company))
        #expect(!MailCommand.openAside(members: ["x"]).isAllowed(for: .consumer))
        #expect(MailCommand.withdraw.isAllowed(for: .consumer))
        #expect(!MailCommand.withdraw.isAllowed(for: .mediator))
        for role in Role.allCases { #expect(MailCommand.help.isAllowed(for: role)) }
    }
}

@Suite("Naming participants")
struct ResolverTests {
    func resolve(_ name: String) -> ParticipantResolver.Resolution {
        ParticipantResolver.resolve(name, among: Fixture.everyone, companyName: "Acme")
    }

    @Test("pseudonyms in French and English")
    func pseudonyms() {
        #expect(resolve("Consommateur 1") == .found([Fixture.consumer1]))
        #expect(resolve("consumer 2") == .found([Fixture.consumer2]))
        #expect(resolve("#1") == .found([Fixture.consumer1]))
        #expect(resolve("Consumer 99") == .unknown)
    }

    @Test("the company's name stands for its whole legal team")
    func company() {
        #expect(resolve("Acme") == .found([Fixture.acmeAnna, Fixture.acmeBob]))
        #expect(resolve("acme (legal team)") == .found([Fixture.acmeAnna, Fixture.acmeBob]))
        #expect(resolve("la société") == .found([Fixture.acmeAnna, Fixture.acmeBob]))
    }

    @Test("names and addresses")
    func namesAndAddresses() {
        #expect(resolve("Dr Expert") == .found([Fixture.expert]))
        #expect(resolve("<BOB@acme.example>") == .found([Fixture.acmeBob]))
        #expect(resolve("médiatrice") == .found([Fixture.mediator]))
        #expect(resolve("Nobody") == .unknown)
    }

    @Test("withdrawn participants cannot be named")
    func withdrawn() {
        #expect(resolve("Consumer 3") == .unknown)
    }

    @Test("two people with one name are ambiguous")
    func ambiguous() {
        var twin = Fixture.consumer2
        twin.id = 99
        twin.pseudonym = 9
        twin.address = "other.zoe@example.com"
        let result = ParticipantResolver.resolve("Zoe Public", among: Fixture.everyone + [twin], companyName: "Acme")
        #expect(result == .ambiguous([Fixture.consumer2, twin]))
    }
}

@Suite("Threading")
struct ThreadingTests {
    @Test("the first post of a thread has no parents")
    func first() {
        let plan = ThreadingPlan(parentChain: [])
        #expect(plan.inReplyToHeader == nil)
        #expect(plan.referencesHeader == nil)
    }

    @Test("a reply names the recipient's own copies, root first")
    func reply() {
        let plan = ThreadingPlan(parentChain: ["root@truce", "<mid@truce>", "parent@truce"])
        #expect(plan.inReplyToHeader == "<parent@truce>")
        #expect(plan.referencesHeader == "<root@truce> <mid@truce> <parent@truce>")
    }

    @Test("long threads keep the root and the latest posts")
    func capped() {
        let chain = (1...30).map { "m\($0)@truce" }
        let plan = ThreadingPlan(parentChain: chain, maximumReferences: 5)
        #expect(plan.references == ["m1@truce", "m27@truce", "m28@truce", "m29@truce", "m30@truce"])
        #expect(plan.inReplyTo == "m30@truce")
    }
}

@Suite("Reply addresses")
struct ReplyAddressTests {
    let addresses = ReplyAddressCodec(gateway: Fixture.gateway, codec: TagCodec(secret: "secret for address tests"))

    @Test("a reply address reads back, in any case")
    func roundTrip() {
        let address = addresses.replyAddress(caseNumber: 42, channel: 100, participant: 10)
        #expect(address.hasPrefix("truce+"))
        #expect(address.hasSuffix("@mediation.test"))
        #expect(addresses.read(address) == .success(.reply(caseNumber: 42, channel: 100, participant: 10)))
        #expect(addresses.read("<\(address.uppercased())>") == .success(.reply(caseNumber: 42, channel: 100, participant: 10)))
    }

    @Test("bounce addresses carry their prefix, and forms cannot be swapped")
    func bounceForm() throws {
        let bounce = addresses.bounceAddress(delivery: 77)
        #expect(bounce.hasPrefix("truce+bounce-"))
        #expect(addresses.read(bounce) == .success(.bounce(delivery: 77)))
        let token = try #require(Fixture.gateway.tagText(in: bounce)?.dropFirst("bounce-".count))
        #expect(addresses.read("truce+\(token)@mediation.test") == .failure(.malformed))
        let reply = addresses.tagText(for: .reply(caseNumber: 1, channel: 2, participant: 3))
        #expect(addresses.read("truce+bounce-\(reply)@mediation.test") == .failure(.malformed))
    }

    @Test("other addresses are not ours")
    func notOurs() {
        #expect(addresses.read("truce@mediation.test") == nil)
        #expect(addresses.read("truce+abc@other.test") == nil)
        #expect(addresses.read("other+abc@mediation.test") == nil)
        #expect(addresses.read("truce+zzzz@mediation.test") == .failure(.malformed))
    }

    @Test("tags are found in header values with display names and lists")
    func headerScan() {
        let reply = addresses.replyAddress(caseNumber: 42, channel: 100, participant: 10)
        let tag = Fixture.gateway.tagText(in: reply)!
        let value = "\"Truce\" <\(reply.uppercased())>, xtruce+nope@mediation.test, truce+abc@mediation.testing, other@example.org"
        #expect(Fixture.gateway.tagTexts(inHeaderValue: value) == [tag])
        #expect(Fixture.gateway.tagTexts(inHeaderValue: "from mx by mx.mediation.test for <\(reply)>; Mon, 1 Jan") == [tag])
    }
}
