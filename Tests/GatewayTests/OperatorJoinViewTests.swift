import Foundation
import MIME
import Mediation
import Store
import Testing
@testable import Gateway

/// What the operator sees of people who asked to join: `truce case show` and `truce outbox`.
@Suite("Operator: pending join requests and join letters")
struct OperatorJoinViewTests {
    static func ask(_ gateway: GatewayFixture, _ c: TestCase, from: String, name: String) throws {
        var mail = InboundMail.to(try JoinDesk(context: gateway.context).joinAddress(caseNumber: c.number), from: from,
                                  text: "Bonjour, je veux participer.")
        mail.fromName = name
        _ = try gateway.process(mail)
    }

    @Test func caseShowCountsPendingRequestsAndListsThemWhenAsked() async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase()
        try Self.ask(gateway, c, from: "Nora.Petit@consumer.test", name: "Nora Petit")
        try Self.ask(gateway, c, from: "sam@consumer.test", name: "Sam Roe")
        let desk = CaseDesk(context: gateway.context)

        let summary = try desk.caseSummary(caseNumber: c.number)
        #expect(summary.pendingJoinRequests == 2)
        #expect(summary.joinRequests == nil)
        #expect(summary.text.contains("  join requests     2 pending confirmation (--join-requests lists them)"))
        #expect(!summary.text.contains("Nora.Petit@consumer.test"))

        let detailed = try desk.caseSummary(caseNumber: c.number, joinRequests: true)
        #expect(detailed.joinRequests?.map(\.address) == ["Nora.Petit@consumer.test", "sam@consumer.test"])
        #expect(detailed.joinRequests?.first?.displayName == "Nora Petit")
        #expect(detailed.text.contains("Pending join requests (2)"))
        #expect(detailed.text.contains("Nora Petit  Nora.Petit@consumer.test  fr"))
        let json = try OperatorJSON.string(detailed)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["pending_join_requests"] as? Int == 2)
        #expect((object["join_requests"] as? [[String: Any]])?.first?["address"] as? String == "Nora.Petit@consumer.test")
    }

    @Test func theOutboxShowsJoinLettersQueuedThenSent() async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase()
        let other = try gateway.openCase(tag: "b")
        try gateway.dispatch()
        try Self.ask(gateway, c, from: "Nora.Petit@consumer.test", name: "Nora Petit")
        let desk = CaseDesk(context: gateway.context)

        let queued = try desk.outbox(caseNumber: c.number)
        #expect(queued.joinCounts["queued"] == 1)
        #expect(queued.joinLetters.map(\.recipient) == ["Nora.Petit@consumer.test"])
        #expect(queued.joinLetters.first?.caseNumber == c.number)
        let text = CaseDesk.text(queued)
        #expect(text.contains("Join letters (to people who wrote to a join address): queued 1, sent 0, deferred 0, failed 0"))
        #expect(text.contains("Nora.Petit@consumer.test"))
        #expect(try desk.outbox(caseNumber: other.number).joinLetters.isEmpty, "another case's letters are not listed")

        try gateway.dispatch()
        let after = try desk.outbox(caseNumber: c.number)
        #expect(after.joinCounts["sent"] == 1)
        #expect(after.joinLetters.isEmpty, "sent letters are listed only with --state sent")
        #expect(try desk.outbox(state: .sent, caseNumber: c.number).joinLetters.count == 1)
    }
}
