import Foundation
import MIME
import Mediation
import Store
import Testing
@testable import Gateway

/// How Intake finds the channel of a message: the signed tag in the most trusted header,
/// else the ids of mail the gateway sent.
@Suite("Intake: finding the target")
struct IntakeTargetTests {
    @Test func theTagInDeliveredToWinsWhenToIsTheBareAddress() async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase()
        let alice = c.consumers[0]
        var mail = InboundMail(from: alice.address, to: [GatewayFixture.gatewayAddress])
        mail.deliveredTo = [gateway.replyAddress(alice, in: c.room)]
        let outcome = try gateway.process(mail)
        #expect(outcome.post?.channelID == c.room.id)
        #expect(outcome.post?.authorID == alice.id)
    }

    @Test(arguments: ["To", "Cc"])
    func aTagOnlyInToOrCcIsFound(_ header: String) async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase()
        let alice = c.consumers[0]
        let tagged = gateway.replyAddress(alice, in: c.room)
        var mail = InboundMail(from: alice.address, to: header == "To" ? [tagged] : ["someone@elsewhere.test"])
        if header == "Cc" { mail.cc = [tagged] }
        mail.deliveredTo = []
        let outcome = try gateway.process(mail)
        #expect(outcome.post?.channelID == c.room.id)
    }

    /// Only the topmost Delivered-To is the delivery agent's; one further down came with the
    /// message and is ignored, even when it carries a valid tag.
    @Test func aForgedLowerDeliveredToIsIgnored() async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase()
        let alice = c.consumers[0]
        let aside = try gateway.openAside(in: c, with: [alice])

        var mail = InboundMail(from: alice.address, to: [GatewayFixture.gatewayAddress])
        mail.deliveredTo = [gateway.replyAddress(alice, in: c.room), gateway.replyAddress(alice, in: aside)]
        #expect(try gateway.process(mail).post?.channelID == c.room.id)

        var onlyForged = InboundMail(from: alice.address, to: [GatewayFixture.gatewayAddress])
        onlyForged.deliveredTo = [GatewayFixture.gatewayAddress, gateway.replyAddress(alice, in: aside)]
        let outcome = try gateway.process(onlyForged)
        #expect(outcome.reason == .unroutable)
        #expect(outcome.post == nil)
    }

    /// A tag that does not verify does not stop Intake from placing the message by the ids of
    /// the copy it answers: safe, because the sender must still be that copy's recipient.
    @Test func aBadTagWithAValidReferenceLandsByTheReference() async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase()
        let alice = c.consumers[0]
        let bob = c.consumers[1]
        _ = try gateway.openAside(in: c, with: [alice])
        try gateway.dispatch()
        let asideWelcome = try #require(gateway.copies(to: alice.address).last)
        #expect(asideWelcome.subject?.contains("aparté") == true)

        let badTag = "truce+zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz@mediation.test"
        var mail = InboundMail.to(badTag, from: alice.address)
        mail.answer(asideWelcome)
        let outcome = try gateway.process(mail)
        let post = try #require(outcome.post)
        #expect(try gateway.store.read { try $0.channel(id: post.channelID) }?.kind == .aside)

        // The same reference from someone else is not theirs to use.
        var stolen = InboundMail.to(badTag, from: bob.address)
        stolen.answer(asideWelcome)
        let refused = try gateway.process(stolen)
        #expect(refused.reason == .senderMismatch)
        #expect(refused.post == nil)
        #expect(!refused.recipientIDs.contains(bob.id))
        #expect(refused.recipientIDs.isSubset(of: [alice.id]), "only the address's owner may be told")
    }

    @Test func aReplyToTheBareAddressLandsInTheChannelOfTheCopyItAnswers() async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase()
        let alice = c.consumers[0]
        let aside = try gateway.openAside(in: c, with: [alice, c.company])
        try gateway.dispatch()
        let opening = try #require(gateway.copies(to: alice.address).last)

        var mail = InboundMail(from: alice.address, to: [GatewayFixture.gatewayAddress])
        mail.deliveredTo = [GatewayFixture.gatewayAddress]
        mail.answer(opening)
        let outcome = try gateway.process(mail)
        let post = try #require(outcome.post)
        #expect(post.channelID == aside.id)
        #expect(outcome.recipientIDs == [c.mediator.id, c.company.id])

        // With only References (a client that drops In-Reply-To) too.
        var referencesOnly = InboundMail(from: alice.address, to: [GatewayFixture.gatewayAddress])
        referencesOnly.references = [opening.messageID!]
        #expect(try gateway.process(referencesOnly).post?.channelID == aside.id)
    }

    @Test func anUnknownSenderIsHeldAndNeverAnswered() async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase()
        let alice = c.consumers[0]
        // With Alice's valid token, a stranger is a spoofed sender: Alice alone is told.
        let spoofed = try gateway.process(.to(gateway.replyAddress(alice, in: c.room), from: "stranger@elsewhere.test"))
        #expect(spoofed.reason == .senderMismatch)
        #expect(spoofed.recipientIDs == [alice.id])
        #expect(spoofed.post == nil)
        let bare = try gateway.process(InboundMail(from: "other@elsewhere.test", to: [GatewayFixture.gatewayAddress]))
        #expect(bare.reason == .unknownSender)
        #expect(bare.newDeliveries.isEmpty)
        let badTag = try gateway.process(.to("truce+aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@mediation.test", from: "x@elsewhere.test"))
        #expect(badTag.reason == .badToken)
        #expect(badTag.newDeliveries.isEmpty, "a stranger is not told, whatever the reason")
    }

    @Test func aBadTokenFromAKnownParticipantIsHeldWithANotice() async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase()
        let alice = c.consumers[0]
        // Alice's real room token with one character changed.
        let good = gateway.replyAddress(alice, in: c.room)
        let plus = good.firstIndex(of: "+")!
        let at = good.firstIndex(of: "@")!
        var token = Array(good[good.index(after: plus)..<at])
        token[token.count / 2] = token[token.count / 2] == "a" ? "b" : "a"
        let tampered = "truce+\(String(token))@mediation.test"

        let outcome = try gateway.process(.to(tampered, from: alice.address))
        #expect(outcome.reason == .badToken)
        #expect(outcome.recipientIDs == [alice.id])
        #expect(try outcome.newDeliveries.map { try gateway.template(of: $0) } == ["reject_bad_token"])
    }

    /// A valid token names one participant: someone else of the same case using it is
    /// refused, and the owner (not the writer) is told.
    @Test func anotherParticipantUsingAValidTokenIsRefused() async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase()
        let alice = c.consumers[0]
        let bob = c.consumers[1]
        let outcome = try gateway.process(.to(gateway.replyAddress(alice, in: c.room), from: bob.address))
        #expect(outcome.reason == .senderMismatch)
        #expect(outcome.recipientIDs == [alice.id])
        #expect(outcome.post == nil)
    }
}
