import Foundation
import MIME
import Mediation
import Store
import Testing

/// A mediator, a company and five consumers hold a conversation through the gateway from
/// their own mailboxes on the real Postfix and Dovecot.
@Suite("Rooms and asides on the real mail stack", .enabled(if: LocalStack.isUp))
struct RoomAndAsideTests {
    @Test func roomPostsReachEveryoneAndAsidePostsOnlyTheirMembers() async throws {
        let gateway = try await GatewayUnderTest()
        let tag = gateway.tag
        let claire = Party("Claire Martin", domain: "mediator.test", tag: tag)
        let acme = Party("Juridique", domain: "company.test", tag: tag)
        let consumers = (1...5).map { Party("Client \($0)", domain: "consumer.test", tag: tag) }
        let parties = [claire, acme] + consumers
        let setup = try CaseSetup.open(
            on: gateway, title: "Frais de résiliation", mediator: claire, company: acme, consumers: consumers)

        // Everyone receives a welcome from their own personal room address.
        try gateway.runCycle()
        for (party, row) in zip(parties, setup.everyone) {
            let welcome = try #require(try party.awaitInbox(count: 1).first)
            #expect(welcome.replyTo.map(\.address) == [gateway.replyAddress(row, in: setup.room)])
            #expect(welcome.from.map(\.address) == [gateway.replyAddress(row, in: setup.room)])
            #expect(welcome.to.map(\.address) == [party.address])
            #expect(welcome.header("Auto-Submitted") == "auto-generated")
        }

        // A consumer replies to the welcome: the six others receive it once, threaded.
        let firstWelcome = try consumers[0].inbox()[0]
        try consumers[0].reply(to: firstWelcome, text: "Bonjour, Acme m'a facturé 120 € de frais de résiliation.")
        try gateway.runCycles(untilRecorded: 1)
        for party in parties where party.address != consumers[0].address {
            let inbox = try party.awaitInbox(count: 2)
            #expect(inbox.count == 2)
            let copy = inbox[1]
            #expect(copy.text?.contains("Consommateur 1 (consommateur) a écrit") == true)
            #expect(copy.text?.contains("120 € de frais de résiliation") == true)
            #expect(copy.text?.contains("> ") == false, "the quoted welcome is not relayed")
            #expect(copy.inReplyTo.isEmpty == false)
            #expect(copy.references.first == inbox[0].messageID, "threaded under their own welcome")
            #expect(copy.subject == "[Truce #\(setup.caseRecord.number)] Frais de résiliation")
        }
        #expect(try consumers[0].inbox().count == 1, "the author does not get their own post back")

        // The company answers the consumer's post.
        let acmeCopy = try acme.inbox()[1]
        try acme.reply(to: acmeCopy, text: "Nous examinons chaque dossier individuellement.")
        try gateway.runCycles(untilRecorded: 1)
        let companyAnswer = try consumers[2].awaitInbox(count: 3)[2]
        #expect(companyAnswer.text?.contains("Acme (service juridique) (entreprise) a écrit") == true)
        #expect(companyAnswer.inReplyTo == [try consumers[2].inbox()[1].messageID!], "answers the consumer's post")
        try consumers[0].awaitInbox(count: 2)
        try claire.awaitInbox(count: 3)

        // The mediator opens an aside with two consumers and the company, writing a first
        // message under the command.
        let claireLatest = try claire.inbox()[2]
        try claire.reply(to: claireLatest, text: "/aside Consommateur 2, Consommateur 3, Acme\nBonjour à tous les trois, parlons-en à part.")
        try gateway.runCycles(untilRecorded: 1)
        let asideMembers = [acme, consumers[1], consumers[2]]
        var openings: [String: MailMessage] = [:]
        for member in asideMembers {
            // The company wrote one of the room's posts, so it has one message less.
            let inbox = try member.awaitInbox(count: member.address == acme.address ? 4 : 5)
            let opening = try #require(inbox.first { $0.subject?.contains("· aparté]") == true && $0.text?.contains("a ouvert un aparté") == true })
            openings[member.address] = opening
            #expect(inbox.contains { $0.text?.contains("parlons-en à part") == true })
        }
        let claireInbox = try claire.awaitInbox(count: 5)
        #expect(claireInbox.contains { $0.text?.contains("a ouvert un aparté") == true }, "the mediator is greeted too")
        #expect(claireInbox.contains { $0.subject?.contains("Fait : Aparté ouvert avec") == true })

        // A consumer writes in the aside: only its members receive it.
        let inAside = try #require(openings[consumers[1].address])
        try consumers[1].reply(to: inAside, text: "Je propose un avoir de 60 €.")
        try gateway.runCycles(untilRecorded: 1)
        try LocalStack.eventually("the aside post at its members") {
            try [acme, consumers[2], claire].allSatisfy { party in
                try party.inbox().contains { $0.text?.contains("avoir de 60 €") == true }
            } ? true : nil
        }
        // Outsiders of the aside: nothing of it, in any message, ever.
        for outsider in [consumers[0], consumers[3], consumers[4]] {
            for raw in try outsider.inboxRaw() {
                let text = String(decoding: raw, as: UTF8.self)
                #expect(!text.contains("avoir de 60"))
                #expect(!text.contains("parlons-en"))
                #expect(!text.contains("aparté"))
            }
        }

        // No message anywhere carries another participant's real address.
        for party in parties {
            for raw in try party.inboxRaw() {
                let text = String(decoding: raw, as: UTF8.self).lowercased()
                for other in parties where other.address != party.address {
                    #expect(!text.contains(other.address.lowercased()), "\(other.address) seen by \(party.address)")
                }
            }
        }
        #expect(try gateway.heldReasons().isEmpty)
    }

    @Test func aReplyToTheBareAddressLandsByItsReferences() async throws {
        let gateway = try await GatewayUnderTest()
        let claire = Party("Claire", domain: "mediator.test", tag: gateway.tag)
        let acme = Party("Juridique", domain: "company.test", tag: gateway.tag)
        let alice = Party("Alice", domain: "consumer.test", tag: gateway.tag)
        _ = try CaseSetup.open(on: gateway, title: "Retards", mediator: claire, company: acme, consumers: [alice])
        try gateway.runCycle()
        let welcome = try #require(try alice.awaitInbox(count: 1).first)

        // Her client answered the plain gateway address, not the tagged Reply-To.
        try alice.reply(to: welcome, text: "Ma commande a trois semaines de retard.", to: gateway.address)
        try gateway.runCycles(untilRecorded: 1)

        let copy = try #require(try claire.awaitInbox(count: 2).last)
        #expect(copy.text?.contains("trois semaines de retard") == true)
        #expect(try acme.awaitInbox(count: 2).last?.text?.contains("trois semaines") == true)
        #expect(try gateway.heldReasons().isEmpty)
    }
}
