import Foundation
import GRDB
import MIME
import Mediation
import Store
import Testing
@testable import Gateway

/// Joining through a case's public join address: the confirmation goes to the From address
/// only, and only a reply from that address to its own confirmation address enrolls it.
@Suite("Joining: join address and double opt-in")
struct JoiningTests {
    static let stranger = "Nora.Petit@consumer.test"

    func joinAddress(_ gateway: GatewayFixture, _ c: TestCase) throws -> String {
        try JoinDesk(context: gateway.context).joinAddress(caseNumber: c.number)
    }

    /// Asks to join as `from` and sends what is due; returns the confirmation letter received.
    func ask(_ gateway: GatewayFixture, _ c: TestCase, from: String = stranger) throws -> MailMessage {
        var mail = InboundMail.to(try joinAddress(gateway, c), from: from, text: "Bonjour, je veux participer.")
        mail.fromName = "Nora Petit"
        let outcome = try gateway.process(mail)
        #expect(outcome.held == nil)
        try gateway.dispatch()
        return try #require(gateway.copies(to: from).last)
    }

    func confirmation(to letter: MailMessage, from: String = stranger, text: String = "Oui.") -> InboundMail {
        let address = letter.replyTo.first?.address ?? ""
        var mail = InboundMail.to(address, from: from, text: text)
        mail.answer(letter)
        return mail
    }

    func consumers(_ gateway: GatewayFixture, _ c: TestCase) throws -> [Participant] {
        try gateway.store.read { try $0.participants(caseNumber: c.number) }.filter { $0.role == .consumer }
    }

    @Test func aCaseClosedBeforeTheConfirmationEnrollsNobodyAndSaysSo() async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase(consumers: 2)
        let letter = try ask(gateway, c)
        gateway.sender.reset()
        try gateway.execute(
            "UPDATE cases SET state = 'closed', settled = 0, closed_at = ? WHERE number = ?", [gateway.now, c.number])

        let outcome = try gateway.process(confirmation(to: letter))
        #expect(outcome.held == nil)
        #expect(try consumers(gateway, c).count == 2)
        let request = try #require(try gateway.store.read { try $0.joinRequests(caseNumber: c.number) }.first)
        #expect(request.state == .refused)
        let refused = try #require(try gateway.store.read { try $0.auditEvents(caseNumber: c.number) }.last)
        #expect(refused.kind == "join.refused" && refused.payload.contains("\"reason\":\"closed\""))

        try gateway.dispatch()
        let refusal = try #require(gateway.copies(to: Self.stranger).last)
        #expect(refusal.text?.contains("est close. Nous ne pouvons plus vous y ajouter") == true)
    }

    @Test func joinAddressIsSignedForTheCaseAndRefusedWhenClosed() async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase()
        let address = try joinAddress(gateway, c)
        #expect(gateway.context.addresses.read(address) == .success(.join(caseNumber: c.number)))
        try gateway.execute(
            "UPDATE cases SET state = 'closed', settled = 0, closed_at = ? WHERE number = ?", [gateway.now, c.number])
        #expect(throws: OperatorError.self) { try JoinDesk(context: gateway.context).joinAddress(caseNumber: c.number) }
    }

    @Test func aRequestGetsOneConfirmationAtTheFromAddressOnly() async throws {
        let gateway = try await GatewayFixture(mediation: "  fee_percent: 20")
        let c = try gateway.openCase()
        try gateway.dispatch()
        gateway.sender.reset()
        let before = try gateway.allDeliveries().count

        let letter = try ask(gateway, c)

        #expect(gateway.sender.accepted.count == 1)
        #expect(gateway.sender.accepted.first?.recipient == Self.stranger)
        #expect(try gateway.allDeliveries().count == before, "no participant receives anything")
        #expect(try consumers(gateway, c).count == 2, "nobody joins before confirming")
        let confirm = try #require(letter.replyTo.first?.address)
        guard case let .success(.joinConfirmation(requestID))? = gateway.context.addresses.read(confirm) else {
            Issue.record("reply address \(confirm) is not a join confirmation")
            return
        }
        let request = try #require(try gateway.store.read { try $0.joinRequest(id: requestID) })
        #expect(request.address == Self.stranger.lowercased())
        #expect(request.state == .pending)
        let body = letter.text ?? ""
        #expect(body.contains("gratuite"))
        #expect(body.contains("20 %"))
        #expect(body.contains("retirer à tout moment"))
        #expect(body.contains("Montant :"))
        #expect(letter.header("Auto-Submitted") == "auto-replied")
    }

    @Test func confirmingEnrollsTheAddressWithItsClaimAndWelcomesIt() async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase(consumers: 2)
        let letter = try ask(gateway, c)

        let outcome = try gateway.process(confirmation(
            to: letter, text: "Montant : 120 €\nDescription : frais de résiliation\n\nMerci."))
        #expect(outcome.held == nil)

        let joined = try #require(try consumers(gateway, c).first { $0.address == Self.stranger.lowercased() })
        #expect(joined.pseudonym == 3)
        #expect(joined.displayName == "Nora Petit")
        #expect(joined.isActive)
        let claim = try #require(try gateway.store.read { try $0.claim(participantID: joined.id) })
        #expect(claim.minorUnits == 12_000)
        #expect(claim.currency == "EUR")
        #expect(claim.description == "frais de résiliation")
        #expect(try gateway.template(of: try #require(outcome.newDeliveries.first)) == "welcome")
        let kinds = try gateway.store.read { try $0.auditEvents(caseNumber: c.number) }.lifecycle.map(\.kind)
        #expect(kinds.suffix(2) == ["join.requested", "join.confirmed"])
        _ = try CaseAudit.verify(caseNumber: c.number, store: gateway.store).get()  // throws on a broken chain
        #expect(outcome.recipientIDs == [joined.id])

        try gateway.dispatch()
        let welcome = try #require(gateway.copies(to: Self.stranger).last)
        #expect(welcome.text?.contains("Votre réclamation est enregistrée : 120.00 EUR") == true)

        // The new consumer's room posts reach the others.
        let room = gateway.replyAddress(joined, in: c.room)
        let post = try gateway.process(.to(room, from: Self.stranger, text: "Moi aussi, 120 € de frais."))
        #expect(post.post != nil)
        #expect(post.recipientIDs.contains(c.mediator.id))
        #expect(post.recipientIDs.contains(c.consumers[0].id))
    }

    @Test func aConfirmationFromAnotherAddressEnrollsNobody() async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase()
        let letter = try ask(gateway, c)
        gateway.sender.reset()

        let outcome = try gateway.process(confirmation(to: letter, from: "mallory@attacker.test"))

        #expect(outcome.reason == .senderMismatch)
        #expect(outcome.newDeliveries.isEmpty)
        #expect(try consumers(gateway, c).count == 2)
        try gateway.dispatch()
        #expect(gateway.sender.envelopes.isEmpty, "no answer to anyone")
    }

    @Test func aForgedOrTamperedConfirmationAddressIsRefused() async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase()
        let letter = try ask(gateway, c)
        let confirm = try #require(letter.replyTo.first?.address)
        let tag = try #require(gateway.context.addresses.gateway.tagText(in: confirm))

        // One character changed in the token.
        var chars = Array(tag)
        chars[chars.count - 3] = chars[chars.count - 3] == "a" ? "b" : "a"
        let tampered = gateway.context.addresses.gateway.tagged(String(chars))
        let first = try gateway.process(.to(tampered, from: Self.stranger))
        #expect(first.reason == .badToken)

        // A confirmation address signed with another secret.
        let foreign = ReplyAddressCodec(
            gateway: gateway.context.addresses.gateway, codec: TagCodec(secret: "some-other-secret-of-enough-length"))
        let requestID = try #require(try gateway.store.read { try $0.joinRequests(caseNumber: c.number) }.first?.id)
        let forged = foreign.address(for: .joinConfirmation(request: requestID))
        let second = try gateway.process(.to(forged, from: Self.stranger))
        #expect(second.reason == .badToken)

        #expect(try consumers(gateway, c).count == 2)
    }

    @Test func aFullCaseTellsTheRequesterAndEnrollsNobody() async throws {
        let gateway = try await GatewayFixture(mediation: "  max_consumers: 2")
        let c = try gateway.openCase(consumers: 2)
        let letter = try ask(gateway, c)
        gateway.sender.reset()

        let outcome = try gateway.process(confirmation(to: letter))
        #expect(outcome.held == nil)
        #expect(try consumers(gateway, c).count == 2)
        let request = try #require(try gateway.store.read { try $0.joinRequests(caseNumber: c.number) }.first)
        #expect(request.state == .refused)

        try gateway.dispatch()
        let refusal = try #require(gateway.copies(to: Self.stranger).last)
        #expect(refusal.text?.contains("nombre maximal de participants (2)") == true)
    }

    @Test func aParticipantWritingToTheJoinAddressIsToldOnceADay() async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase()
        let consumer = c.consumers[0]
        let address = try joinAddress(gateway, c)

        let first = try gateway.process(.to(address, from: consumer.address))
        #expect(first.held == nil)
        #expect(first.recipientIDs == [consumer.id])
        #expect(try gateway.template(of: try #require(first.newDeliveries.first)) == "join_already")
        #expect(try gateway.store.read { try $0.joinRequests(caseNumber: c.number) }.isEmpty)

        let second = try gateway.process(.to(address, from: consumer.address))
        #expect(second.newDeliveries.isEmpty)

        gateway.clock.advance(days: 1)
        gateway.clock.advance(seconds: 60)
        let third = try gateway.process(.to(address, from: consumer.address))
        #expect(third.recipientIDs == [consumer.id])
        #expect(try consumers(gateway, c).count == 2)
    }

    @Test func aPendingRequestIsAnsweredAgainAtMostOnceADay() async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase()
        let address = try joinAddress(gateway, c)
        _ = try ask(gateway, c)
        _ = try gateway.process(.to(address, from: Self.stranger))
        try gateway.dispatch()
        #expect(gateway.copies(to: Self.stranger).count == 1)

        gateway.clock.advance(days: 1)
        _ = try gateway.process(.to(address, from: Self.stranger))
        try gateway.dispatch()
        let letters = gateway.copies(to: Self.stranger)
        #expect(letters.count == 2)
        // Still one request, and both letters confirm it.
        #expect(try gateway.store.read { try $0.joinRequests(caseNumber: c.number) }.count == 1)
        #expect(Set(letters.compactMap { $0.replyTo.first?.address }).count == 1)
    }

    @Test func autoRepliesAndBouncesToTheJoinAddressGetNothing() async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase()
        try gateway.dispatch()
        gateway.sender.reset()
        var auto = InboundMail.to(try joinAddress(gateway, c), from: Self.stranger)
        auto.headers = [("Auto-Submitted", "auto-replied")]
        #expect(try gateway.process(auto).reason == .autoReply)
        let bounce = try gateway.receive(raw: IntakeScreeningTests.deliveryReport(
            to: try joinAddress(gateway, c), about: Self.stranger))
        try gateway.intake()
        #expect(try gateway.store.read { try $0.heldMessage(inboundID: bounce) }?.reason == .bounce)
        try gateway.dispatch()
        #expect(gateway.sender.envelopes.isEmpty)
        #expect(try gateway.store.read { try $0.joinRequests(caseNumber: c.number) }.isEmpty)
    }

    @Test func confirmingTwiceEnrollsOnceAndTellsTheConsumerTheyAreIn() async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase()
        let letter = try ask(gateway, c)
        _ = try gateway.process(confirmation(to: letter))
        let again = try gateway.process(confirmation(to: letter))
        #expect(again.held == nil)
        let joined = try consumers(gateway, c).filter { $0.address == Self.stranger.lowercased() }
        #expect(joined.count == 1)
        #expect(try gateway.template(of: try #require(again.newDeliveries.first)) == "join_already")
        #expect(again.recipientIDs == Set(joined.map(\.id)))
    }

    @Test func aLetterRefusedForNowIsRetriedLater() async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase()
        try gateway.dispatch()
        gateway.sender.answer(Self.stranger, with: .transient)
        _ = try gateway.process(.to(try joinAddress(gateway, c), from: Self.stranger))
        #expect(try gateway.dispatch().deferred == 1)
        #expect(gateway.copies(to: Self.stranger).isEmpty)

        gateway.sender.answer(Self.stranger, with: .accept)
        #expect(try gateway.dispatch().sent == 0, "not before its retry time")
        gateway.clock.advance(seconds: 3600)
        #expect(try gateway.dispatch().sent == 1)
        #expect(gateway.copies(to: Self.stranger).count == 1)
        let requestID = try #require(try gateway.store.read { try $0.joinRequests(caseNumber: c.number) }.first?.id)
        let mail = try gateway.store.read { try $0.joinMail(requestID: requestID) }
        #expect(mail.map(\.state) == [.sent])
        #expect(mail.first?.attempts == 2)
        // In the case's record once, when it was sent: the deferral was not an outcome.
        let letters = try gateway.store.read { try $0.auditEvents(caseNumber: c.number) }.filter { $0.kind == "join.letter" }
        #expect(letters.count == 1)
        let detail = try #require(try JSONSerialization.jsonObject(with: Data(letters[0].payload.utf8)) as? [String: String])
        #expect(detail == ["request": String(requestID), "letter": String(mail[0].id!), "template": mail[0].template,
                           "outcome": "sent"])
    }

    @Test func aLetterRefusedForGoodIsInTheRecordWithTheAnswerButNotTheAddress() async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase()
        try gateway.dispatch()
        gateway.sender.answer(Self.stranger, with: .permanent)
        _ = try gateway.process(.to(try joinAddress(gateway, c), from: Self.stranger))
        #expect(try gateway.dispatch().failed == 1)
        let letters = try gateway.store.read { try $0.auditEvents(caseNumber: c.number) }.filter { $0.kind == "join.letter" }
        #expect(letters.count == 1)
        let detail = try #require(try JSONSerialization.jsonObject(with: Data(letters[0].payload.utf8)) as? [String: String])
        #expect(detail["outcome"] == "failed")
        #expect(detail["reply"]?.isEmpty == false)
        #expect(!letters[0].payload.lowercased().contains(Self.stranger.lowercased()), "the address stays in the request")
        _ = try CaseAudit.verify(caseNumber: c.number, store: gateway.store).get()  // throws on a broken chain
    }

    @Test func aConfirmationToTheBareAddressCountsByItsReferencesFromTheSameAddressOnly() async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase()
        let letter = try ask(gateway, c)

        var forged = InboundMail(from: "mallory@attacker.test", to: [GatewayFixture.gatewayAddress], text: "Oui.")
        forged.answer(letter)
        #expect(try gateway.process(forged).reason == .senderMismatch)

        var mail = InboundMail(from: Self.stranger, to: [GatewayFixture.gatewayAddress], text: "Oui.")
        mail.answer(letter)
        let outcome = try gateway.process(mail)
        #expect(outcome.held == nil)
        #expect(try consumers(gateway, c).contains { $0.address == Self.stranger.lowercased() })
    }

    @Test func aLetterCanOnlyBeQueuedToItsRequester() async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase()
        _ = try ask(gateway, c)
        let requestID = try #require(try gateway.store.read { try $0.joinRequests(caseNumber: c.number) }.first?.id)
        #expect(throws: DatabaseError.self) {
            try gateway.store.write { session in
                try session.queueJoinMail(
                    requestID: requestID, template: "join_confirm", recipient: "someone.else@consumer.test",
                    messageID: "x@mediation.test", raw: Data("x".utf8), at: gateway.now)
            }
        }
    }

    @Test(arguments: [
        ("Montant : 120 €\nDescription : frais", 12_000, "frais"),
        ("Amount: 75.50 EUR\ndescription: late delivery", 7_550, "late delivery"),
        ("montant: 1 500,00 €", 150_000, ""),
    ])
    func claimIsRead(_ text: String, _ minorUnits: Int64, _ description: String) throws {
        let claim = try #require(JoinClaim(parsing: text))
        #expect(claim.amount.minorUnits == minorUnits)
        #expect(claim.amount.currency.code == "EUR")
        #expect(claim.description == description)
    }

    @Test(arguments: ["Oui, je confirme.", "Montant : beaucoup", "Description : frais sans montant"])
    func noClaimWithoutAReadableAmount(_ text: String) {
        #expect(JoinClaim(parsing: text) == nil)
    }
}
