import Foundation
import MIME
import Mediation
import Store
import Testing

/// What the gateway does with mail it must not relay: each case held with its reason, a
/// notice only to the real participant concerned, and nothing at all to strangers.
@Suite("Refused mail on the real mail stack", .enabled(if: LocalStack.isUp))
struct RefusalTests {
    /// A mediator, the company's legal team and one consumer, welcomed.
    static func smallCase(on gateway: GatewayUnderTest) throws -> (Party, Party, Party, CaseSetup) {
        let claire = Party("Claire", domain: "mediator.test", tag: gateway.tag)
        let acme = Party("Juridique", domain: "company.test", tag: gateway.tag)
        let alice = Party("Alice", domain: "consumer.test", tag: gateway.tag)
        let setup = try CaseSetup.open(on: gateway, title: "Frais", mediator: claire, company: acme, consumers: [alice])
        return (claire, acme, alice, setup)
    }

    @Test func aSpoofedSenderWithAValidTokenIsRefusedAndOnlyTheRealParticipantIsTold() async throws {
        let gateway = try await GatewayUnderTest()
        let mallory = Party("Mallory", domain: "outsider.test", tag: gateway.tag)
        let (claire, acme, alice, setup) = try Self.smallCase(on: gateway)
        try gateway.runCycle()
        let welcome = try #require(try alice.awaitInbox(count: 1).first)

        // Mallory got hold of Alice's reply address and writes through it as herself.
        try mallory.write(
            to: gateway.replyAddress(setup.consumers[0], in: setup.room),
            subject: "Re: \(welcome.subject ?? "")", text: "Je retire ma plainte.")
        try gateway.runCycles(untilRecorded: 1)

        #expect(try gateway.heldReasons() == [.senderMismatch])
        let notice = try #require(try alice.awaitInbox(count: 2).last)
        #expect(notice.subject?.contains("n'a pas été distribué") == true)
        #expect(notice.text?.contains(mallory.address) == false, "the notice names no other address")
        #expect(try mallory.inbox().isEmpty, "no backscatter to the forger")
        #expect(try claire.inbox().count == 1, "nothing relayed")
        #expect(try acme.inbox().count == 1, "nothing relayed")

        // The same refusal the same day sends no second notice.
        try mallory.write(to: gateway.replyAddress(setup.consumers[0], in: setup.room), subject: "Re", text: "Encore.")
        try gateway.runCycles(untilRecorded: 1)
        #expect(try gateway.heldReasons() == [.senderMismatch, .senderMismatch])
        try gateway.runCycle()
        #expect(try gateway.store.read { try $0.dueDeliveries(now: .distantFuture, limit: 10) }.isEmpty)
        #expect(try alice.inbox().count == 2)
    }

    @Test func aForgedTokenIsHeldWithoutAnswer() async throws {
        let gateway = try await GatewayUnderTest()
        let mallory = Party("Mallory", domain: "outsider.test", tag: gateway.tag)
        let (claire, _, alice, setup) = try Self.smallCase(on: gateway)
        try gateway.runCycle()
        try alice.awaitInbox(count: 1)

        // A real token with one character changed, and one made up.
        var token = gateway.replyAddress(setup.consumers[0], in: setup.room)
        let plus = token.firstIndex(of: "+")!
        let changed = token.index(plus, offsetBy: 3)
        token.replaceSubrange(changed...changed, with: token[changed] == "a" ? "b" : "a")
        try mallory.write(to: token, subject: "Bonjour", text: "Un message.")
        try mallory.write(to: "g\(gateway.tag)+mfrgg43fmzxw6ytboi5dcmbzgi@mediation.test", subject: "Hi", text: "Another.")
        try gateway.runCycles(untilRecorded: 2)

        #expect(try gateway.heldReasons() == [.badToken, .badToken])
        try gateway.runCycle()
        #expect(try mallory.inbox().isEmpty)
        #expect(try alice.inbox().count == 1)
        #expect(try claire.inbox().count == 1)
    }

    @Test func autoRepliesAndStrangersAreHeldAndNeverAnswered() async throws {
        let gateway = try await GatewayUnderTest()
        let stranger = Party("Stranger", domain: "outsider.test", tag: gateway.tag)
        let (claire, _, alice, setup) = try Self.smallCase(on: gateway)
        try gateway.runCycle()
        let welcome = try #require(try alice.awaitInbox(count: 1).first)

        // Alice's mailbox answers by itself while she is away.
        try alice.reply(
            to: welcome, text: "Je suis absente jusqu'au 15 décembre.",
            extraHeaders: [("Auto-Submitted", "auto-replied")])
        // An out-of-office without the header, recognised by its subject.
        try alice.write(
            to: gateway.replyAddress(setup.consumers[0], in: setup.room),
            subject: "Réponse automatique : absente du bureau", text: "Je suis absente.")
        // A stranger writes to the bare address, with no reference to anything.
        try stranger.write(to: gateway.address, subject: "Question", text: "Comment rejoindre la médiation ?")
        try gateway.runCycles(untilRecorded: 3)

        #expect(Set(try gateway.heldReasons()) == [.autoReply, .unknownSender])
        #expect(try gateway.heldReasons().count == 3)
        try gateway.runCycle()
        #expect(try alice.inbox().count == 1, "no answer to an auto-reply")
        #expect(try stranger.inbox().isEmpty, "no answer to a stranger")
        #expect(try claire.inbox().count == 1, "nothing relayed")
    }

    @Test func aRealBounceFailsItsDeliveryAndTellsTheMediatorOnce() async throws {
        let gateway = try await GatewayUnderTest()
        let claire = Party("Claire", domain: "mediator.test", tag: gateway.tag)
        let acme = Party("Juridique", domain: "company.test", tag: gateway.tag)
        let alice = Party("Alice", domain: "consumer.test", tag: gateway.tag)
        // Every address at bounce.test is accepted by the relay, then bounced back to the
        // envelope sender: the copy's own bounce address.
        let ghost = Party("Ghost", domain: "bounce.test", tag: gateway.tag)
        let setup = try CaseSetup.open(
            on: gateway, title: "Frais", mediator: claire, company: acme, consumers: [alice, ghost])
        try gateway.runCycle()
        let ghostDelivery = try #require(try gateway.store.read { session in
            try session.deliveries(state: .sent, limit: 100).first { $0.recipientID == setup.consumers[1].id }
        })

        try gateway.runCycles(untilRecorded: 1)

        #expect(try gateway.heldReasons() == [.bounce])
        let failed = try #require(try gateway.store.read { try $0.delivery(id: ghostDelivery.id!) })
        #expect(failed.state == .failed)
        #expect(failed.lastReply?.hasPrefix("bounced:") == true)
        #expect(try gateway.store.read { try $0.bounceCount(participantID: setup.consumers[1].id) } == 1)
        try gateway.runCycle()
        let told = try #require(try claire.awaitInbox(count: 2).last)
        #expect(told.subject?.contains("n'a pas pu être distribué à Consommateur 2") == true)
        #expect(told.text?.contains(ghost.address) == false, "the mediator is not shown the real address")
        #expect(try alice.inbox().count == 1, "nobody else hears of it")
    }
}
