import Foundation
import Testing
@testable import MailTransport

/// What the pipelining SMTP client writes itself: the data phase, and what it learns of
/// the server from the EHLO answer.
@Suite("The pipelined SMTP client's own writing")
struct PipelinedWritingTests {
    private func encoded(_ text: String) -> String {
        String(decoding: SMTPData.encoded(Data(text.utf8)), as: UTF8.self)
    }

    @Test func aDotAtTheStartOfAnyLineIsDoubled() {
        #expect(encoded(".hidden\r\nplain\r\n.\r\n..two\r\n") == "..hidden\r\nplain\r\n..\r\n...two\r\n.\r\n")
    }

    @Test func bareLineEndsBecomeCRLFSoNoLoneDotCanEndTheDataEarly() {
        // A bare LF before a dot is a line end like any other: the dot is doubled.
        #expect(encoded("a\n.\nMAIL FROM:<x@y>\r\n") == "a\r\n..\r\nMAIL FROM:<x@y>\r\n.\r\n")
        #expect(encoded("a\r.\rb") == "a\r\n..\r\nb\r\n.\r\n")
        #expect(encoded("a\r\n\r\nb\r\n") == "a\r\n\r\nb\r\n.\r\n")
    }

    @Test func theLastLineIsEndedAndAnEmptyMessageIsJustTheDot() {
        #expect(encoded("no line end") == "no line end\r\n.\r\n")
        #expect(encoded("") == ".\r\n")
    }

    @Test func bytesPassThroughUntouched() {
        let bytes = Data([0xC3, 0xA9, 0x00, 0xFF, 0x2E, 0x0D, 0x0A])
        #expect(SMTPData.encoded(bytes) == Data([0xC3, 0xA9, 0x00, 0xFF, 0x2E, 0x0D, 0x0A, 0x2E, 0x0D, 0x0A]))
    }

    @Test func addressesThatWouldEndACommandAreUnsafe() {
        #expect(SMTPData.unsafeAddress("a@b.test\r\nRCPT TO:<c@d.test>"))
        #expect(SMTPData.unsafeAddress("a@b.test>"))
        #expect(SMTPData.unsafeAddress("a\n@b.test"))
        #expect(!SMTPData.unsafeAddress("truce+bounce-abc@mediation.test"))
        #expect(!SMTPData.unsafeAddress(""))
    }

    @Test func capabilitiesComeFromTheEHLOAnswerAfterTheLastGreeting() {
        let lines = [
            "220 mail.test ESMTP",
            "250-mail.test", "250-SIZE 1000", "250 STARTTLS",
            "220 2.0.0 Ready to start TLS",
            "250-mail.test", "250-PIPELINING", "250-SIZE 104857600", "250-8BITMIME", "250 SMTPUTF8",
        ]
        let offered = SMTPPipeline.Capabilities(serverLines: lines)
        #expect(offered.pipelining && offered.size && offered.smtputf8)
        // Before STARTTLS the server offered no PIPELINING: that answer no longer counts.
        let plain = SMTPPipeline.Capabilities(serverLines: Array(lines.prefix(4)))
        #expect(!plain.pipelining && plain.size && !plain.smtputf8)
        #expect(!SMTPPipeline.Capabilities(serverLines: []).pipelining)
    }
}

/// The pipelined client against the local Postfix: one outcome per envelope in its place,
/// refusals in the middle of a pipeline, content unchanged, and the same results without.
@Suite("Pipelining on the local mail stack", .enabled(if: MailStack.isConfigured))
struct PipeliningTests {
    /// Ten copies for the account, two refused recipients among them, and one envelope
    /// that tries to inject a command through its recipient.
    private func batch(for account: Account) -> (envelopes: [Envelope], bodies: [String]) {
        var envelopes: [Envelope] = []
        var bodies: [String] = []
        for index in 0..<10 {
            let body = "Copy \(index)\r\n.\r\n.leading dot\r\n..two dots\r\nlast line\r\n"
            bodies.append(body)
            envelopes.append(Envelope(
                sender: "bounces+\(index)@mediation.test", recipient: account.tagged,
                message: rawMessage(to: account.tagged, subject: "Copy \(index)", body: body)))
            if index == 2 || index == 6 {
                envelopes.append(Envelope(
                    sender: "bounces@mediation.test", recipient: "x\(index)@nowhere.invalid",
                    message: rawMessage(to: "x@nowhere.invalid", subject: "Refused", body: "x\r\n")))
            }
        }
        envelopes.insert(Envelope(
            sender: "bounces@mediation.test", recipient: "\(account.tagged)>\r\nRCPT TO:<stolen@consumer.test",
            message: rawMessage(to: account.tagged, subject: "Injected", body: "x\r\n")), at: 5)
        return (envelopes, bodies)
    }

    private func check(_ outcomes: [SendOutcome], of envelopes: [Envelope]) {
        #expect(outcomes.count == envelopes.count)
        for (envelope, outcome) in zip(envelopes, outcomes) {
            if envelope.recipient.hasSuffix("nowhere.invalid") {
                let refusal = outcome.refusal
                #expect(refusal?.disposition == .giveUp)
                #expect(refusal?.message.hasPrefix("127.0.0.1:2525 refused recipient \(envelope.recipient): 5") == true, "\(String(describing: refusal))")
            } else if envelope.recipient.contains("\r\n") {
                #expect(outcome.refusal?.disposition == .giveUp)
            } else {
                #expect(outcome.isAccepted, "\(String(describing: outcome.refusal))")
            }
        }
    }

    @Test func eachEnvelopeKeepsItsOwnOutcomeAndContentArrivesUnchanged() async throws {
        let account = Account("pipelined")
        let (envelopes, bodies) = batch(for: account)
        let sender = try MailStack.relay(connections: 3)
        let outcomes = sender.send(envelopes)
        #expect(sender.pipelining == true)
        check(outcomes, of: envelopes)
        // A second batch reuses the connections.
        #expect(sender.send([envelopes[0]]).first?.isAccepted == true)
        #expect((1...3).contains(sender.connectionsOpened))

        let inbox = try MailStack.mailbox(of: account)
        try await waitForMessages(11, in: inbox)
        var received: [String] = []
        for uid in try inbox.uids(after: 0) {
            let text = String(decoding: try inbox.fetch(uid: uid), as: UTF8.self)
            received.append(String(text[text.range(of: "\r\n\r\n")!.upperBound...]))
            #expect(!text.contains("Injected"))
        }
        #expect(received.count == 11)
        #expect(Set(received) == Set(bodies))
    }

    @Test func withPipeliningOffTheOutcomesAreTheSame() async throws {
        let account = Account("unpipelined")
        let (envelopes, bodies) = batch(for: account)
        let sender = try SMTPSender(.init(url: MailStack.relayURL, requireTLS: false, caFile: MailStack.caFile, connections: 2, pipelining: false))
        let outcomes = sender.send(envelopes)
        #expect(sender.pipelining == false)
        check(outcomes, of: envelopes)
        let inbox = try MailStack.mailbox(of: account)
        try await waitForMessages(10, in: inbox)
        let received = try inbox.uids(after: 0).map { uid in
            let text = String(decoding: try inbox.fetch(uid: uid), as: UTF8.self)
            return String(text[text.range(of: "\r\n\r\n")!.upperBound...])
        }
        #expect(Set(received) == Set(bodies))
    }
}

/// What the real stack cannot be made to do on demand, against a scripted server.
@Suite("Pipelining against a scripted server")
struct ScriptedPipeliningTests {
    private func envelopes(_ count: Int, from first: Int = 0) -> [Envelope] {
        (first..<first + count).map { index in
            Envelope(sender: "bounces@mediation.test", recipient: "r\(index)@consumer.test", message: Data("Subject: \(index)\r\n\r\nBody \(index)\r\n".utf8))
        }
    }

    @Test func connectionsClosedWhileIdleAreReplacedAndNothingIsLostOrSentTwice() throws {
        let server = try ScriptedSMTPServer(offersPipelining: true)
        let sender = try SMTPSender(.init(url: server.url, requireTLS: false, connections: 2))
        #expect(sender.send(envelopes(4)).allSatisfy { $0.isAccepted })
        #expect(sender.pipelining == true)
        let opened = sender.connectionsOpened
        server.closeAllConnections()

        let outcomes = sender.send(envelopes(4, from: 4))
        #expect(outcomes.allSatisfy { $0.isAccepted }, "\(outcomes.compactMap(\.refusal))")
        #expect(sender.connectionsOpened > opened)
        let received = server.received
        #expect(received.count == 8)
        #expect(Set(received).count == 8)
    }

    @Test func aServerWithoutPipeliningGetsOneCommandAtATime() throws {
        let server = try ScriptedSMTPServer(offersPipelining: false)
        let sender = try SMTPSender(.init(url: server.url, requireTLS: false, connections: 2))
        let outcomes = sender.send(envelopes(5))
        #expect(outcomes.allSatisfy { $0.isAccepted }, "\(outcomes.compactMap(\.refusal))")
        #expect(sender.pipelining == false)
        #expect(server.received.count == 5)
        #expect(sender.send(envelopes(2, from: 5)).allSatisfy { $0.isAccepted })
        #expect(server.received.count == 7)
    }
}
