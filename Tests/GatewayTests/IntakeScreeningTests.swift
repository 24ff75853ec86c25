import Foundation
import MIME
import Mediation
import Store
import Testing
@testable import Gateway

/// Mail the gateway must never relay nor answer (invariant 6), through the real Intake.
@Suite("Intake: screening")
struct IntakeScreeningTests {
    /// A delivery report from a receiving server, about the copy sent with `bounceAddress`.
    static func deliveryReport(to bounceAddress: String, about recipient: String, from: String = "MAILER-DAEMON@mx.consumer.test") -> Data {
        Data("""
            Return-Path: <>\r
            Delivered-To: \(bounceAddress)\r
            From: Mail Delivery System <\(from)>\r
            To: \(bounceAddress)\r
            Subject: Undelivered Mail Returned to Sender\r
            Message-ID: <\(UUID().uuidString)@mx.consumer.test>\r
            MIME-Version: 1.0\r
            Content-Type: multipart/report; report-type=delivery-status; boundary="report"\r
            \r
            --report\r
            Content-Type: text/plain; charset=us-ascii\r
            \r
            This is the mail system at host mx.consumer.test. Your message could not be delivered.\r
            --report\r
            Content-Type: message/delivery-status\r
            \r
            Reporting-MTA: dns; mx.consumer.test\r
            \r
            Final-Recipient: rfc822; \(recipient)\r
            Action: failed\r
            Status: 5.1.1\r
            Diagnostic-Code: smtp; 550 5.1.1 <\(recipient)>: Recipient address rejected\r
            --report--\r

            """.utf8)
    }

    @Test func aDeliveryReportMarksThatDeliveryFailedAndTellsTheMediatorOnce() async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase()
        let alice = c.consumers[0]
        try gateway.dispatch()
        // Alice's welcome, and a later room post, both bounce.
        let room = try gateway.process(.to(gateway.replyAddress(c.company, in: c.room), from: c.company.address))
        try gateway.dispatch()
        let toAlice = try gateway.allDeliveries().filter { $0.recipientID == alice.id }
        #expect(toAlice.count == 2)
        #expect(room.post != nil)

        let before = try gateway.allDeliveries().count
        let first = try gateway.receive(raw: Self.deliveryReport(
            to: gateway.context.addresses.bounceAddress(delivery: toAlice[0].id!), about: alice.address))
        try gateway.intake()
        #expect(try gateway.store.read { try $0.heldMessage(inboundID: first) }?.reason == .bounce)
        let failed = try #require(try gateway.delivery(toAlice[0].id!))
        #expect(failed.state == .failed)
        #expect(failed.lastReply?.contains("5.1.1") == true)
        #expect(try gateway.store.read { try $0.bounceCount(participantID: alice.id) } == 1)
        let told = try Array(gateway.allDeliveries().dropFirst(before))
        #expect(told.map(\.recipientID) == [c.mediator.id], "the mediator is told, nobody else")
        #expect(try told.map { try gateway.template(of: $0) } == ["delivery_failed"])

        // A second bounce for Alice the same day: counted, not told again.
        try gateway.receive(raw: Self.deliveryReport(
            to: gateway.context.addresses.bounceAddress(delivery: toAlice[1].id!), about: alice.address))
        try gateway.intake()
        #expect(try gateway.delivery(toAlice[1].id!)?.state == .failed)
        #expect(try gateway.store.read { try $0.bounceCount(participantID: alice.id) } == 2)
        #expect(try gateway.allDeliveries().count == before + 1)
    }

    @Test func aBounceForNoDeliveryOfOursIsOnlyHeld() async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase()
        let before = try gateway.allDeliveries()
        // A forged bounce token, and a report to the bare address.
        for target in ["truce+bounce-aaaaaaaaaaaaaaaaaaaaaaaa@mediation.test", GatewayFixture.gatewayAddress] {
            let id = try gateway.receive(raw: Self.deliveryReport(to: target, about: c.consumers[0].address))
            try gateway.intake()
            #expect(try gateway.store.read { try $0.heldMessage(inboundID: id) }?.reason == .bounce)
        }
        let after = try gateway.allDeliveries()
        #expect(after.count == before.count)
        #expect(after.allSatisfy { $0.state == .queued })
    }

    @Test(arguments: ["null return path", "MAILER-DAEMON", "postmaster"])
    func bouncesAreHeldAndNeverAnswered(_ kind: String) async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase()
        let tagged = gateway.replyAddress(c.consumers[0], in: c.room)
        var mail: InboundMail
        switch kind {
        case "null return path":
            mail = .to(tagged, from: c.consumers[0].address)
            mail.returnPath = "<>"
        case "MAILER-DAEMON":
            mail = .to(tagged, from: "MAILER-DAEMON@mx.consumer.test")
        default:
            mail = .to(tagged, from: "postmaster@consumer.test")
        }
        let outcome = try gateway.process(mail)
        #expect(outcome.reason == .bounce)
        #expect(outcome.post == nil)
        #expect(outcome.newDeliveries.isEmpty)
    }

    static let autoReplies: [(String, [(String, String)], String)] = [
        ("Auto-Submitted", [("Auto-Submitted", "auto-replied")], "Re: la médiation"),
        ("Auto-Submitted generated", [("Auto-Submitted", "auto-generated")], "Re: la médiation"),
        ("X-Autoreply", [("X-Autoreply", "yes")], "Re: la médiation"),
        ("Precedence bulk", [("Precedence", "bulk")], "Re: la médiation"),
        ("Precedence auto_reply", [("Precedence", "auto_reply")], "Re: la médiation"),
        ("Precedence junk", [("Precedence", "junk")], "Re: la médiation"),
        ("English out of office", [], "Out of Office: back on Monday"),
        ("English automatic reply", [], "Automatic reply: Re: la médiation"),
        ("French absence", [], "Réponse automatique : absente jusqu'au 12"),
        ("French message d'absence", [], "Message d'absence"),
    ]

    @Test(arguments: autoReplies.indices)
    func autoRepliesAreHeldAndNeverAnswered(_ index: Int) async throws {
        let (name, headers, subject) = Self.autoReplies[index]
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase()
        let alice = c.consumers[0]
        var mail = InboundMail.to(gateway.replyAddress(alice, in: c.room), from: alice.address)
        mail.headers = headers
        mail.subject = subject
        let outcome = try gateway.process(mail)
        #expect(outcome.reason == .autoReply, "\(name)")
        #expect(outcome.post == nil)
        #expect(outcome.newDeliveries.isEmpty)
    }

    /// The control: an ordinary reply that says "no" is relayed, and so is a subject that
    /// only starts like an absence notice.
    @Test func ordinaryMailIsNotTakenForAnAutoReply() async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase()
        let alice = c.consumers[0]
        var mail = InboundMail.to(gateway.replyAddress(alice, in: c.room), from: alice.address)
        mail.headers = [("Auto-Submitted", "no")]
        mail.subject = "Absence de réponse de la société"
        #expect(try gateway.process(mail).post != nil)
    }

    @Test func ourOwnMailComingBackIsHeldAsALoop() async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase()
        let alice = c.consumers[0]
        try gateway.dispatch()
        // A copy we sent, delivered back to us whole (a forwarding rule at the recipient).
        let copy = try #require(gateway.sender.accepted.first)
        var raw = Data("Delivered-To: \(gateway.replyAddress(alice, in: c.room))\r\n".utf8)
        raw.append(copy.message)
        let id = try gateway.receive(raw: raw)
        let before = try gateway.allDeliveries().count
        try gateway.intake()
        #expect(try gateway.store.read { try $0.heldMessage(inboundID: id) }?.reason == .loop)
        #expect(try gateway.allDeliveries().count == before)

        // The loop header alone, on mail from a participant, is enough.
        var marked = InboundMail.to(gateway.replyAddress(alice, in: c.room), from: alice.address)
        marked.headers = [(RelayComposer.loopHeader, GatewayFixture.gatewayAddress)]
        let outcome = try gateway.process(marked)
        #expect(outcome.reason == .loop)
        #expect(outcome.newDeliveries.isEmpty)
    }
}
