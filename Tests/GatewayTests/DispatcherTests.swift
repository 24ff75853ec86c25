import Foundation
import GRDB
import MIME
import MailTransport
import Mediation
import Store
import Testing
@testable import Gateway

/// The Dispatcher against a recording SMTP server that answers each recipient as told.
@Suite("Dispatcher")
struct DispatcherTests {
    @Test func everyDueCopyIsSentFromItsOwnBounceAddress() async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase()
        let summary = try gateway.dispatch()
        let deliveries = try gateway.allDeliveries()
        #expect(summary.sent == deliveries.count)
        #expect(deliveries.allSatisfy { $0.state == .sent && $0.attempts == 1 })
        let envelopes = gateway.sender.envelopes
        #expect(envelopes.count == deliveries.count)
        for delivery in deliveries {
            let recipient = try gateway.participant(delivery.recipientID)
            let envelope = try #require(envelopes.first { MailMessage(parsing: $0.message).messageID == delivery.messageID })
            #expect(envelope.sender == gateway.context.addresses.bounceAddress(delivery: delivery.id!))
            #expect(envelope.recipient == recipient.originalAddress)
        }
        #expect(c.everyone.count - 1 == deliveries.count, "one welcome each, the expert has no room")
        // Nothing left: a second run sends nothing.
        #expect(try gateway.dispatch() == Dispatcher.Summary())
    }

    @Test func aTransientRefusalDefersWithExponentialBackoff() async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase()
        let alice = c.consumers[0]
        gateway.sender.answer(alice.address, with: .transient)
        try gateway.dispatch()
        let id = try #require(try gateway.allDeliveries().first { $0.recipientID == alice.id }?.id)

        var previousWait: TimeInterval = 0
        for attempt in 1...5 {
            let delivery = try #require(try gateway.delivery(id))
            #expect(delivery.state == .deferred)
            #expect(delivery.attempts == attempt)
            let wait = try #require(delivery.retryAt).timeIntervalSince(gateway.now)
            let base = 60 * pow(2, Double(attempt - 1))
            #expect(wait >= base * 0.8 && wait <= base * 1.2, "attempt \(attempt): \(wait)s")
            #expect(wait > previousWait * 1.3, "grows")
            previousWait = wait
            // Not yet due: nothing is sent.
            gateway.sender.reset()
            try gateway.dispatch()
            #expect(gateway.sender.envelopes.isEmpty)
            gateway.clock.advance(seconds: wait + 1)
            try gateway.dispatch()
            #expect(gateway.sender.envelopes.map(\.recipient) == [alice.originalAddress])
        }
        gateway.sender.answer(alice.address, with: .accept)
        gateway.clock.advance(days: 1)
        try gateway.dispatch()
        #expect(try gateway.delivery(id)?.state == .sent)
        #expect(try gateway.delivery(id)?.attempts == 7)
    }

    @Test func aPermanentRefusalFailsAndTheMediatorIsToldOnce() async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase()
        let alice = c.consumers[0]
        gateway.sender.answer(alice.address, with: .permanent)
        let summary = try gateway.dispatch()
        #expect(summary.failed == 1)
        let failed = try #require(try gateway.allDeliveries().first { $0.recipientID == alice.id })
        #expect(failed.state == .failed)
        #expect(failed.lastReply?.contains("550") == true)
        #expect(gateway.copies(to: c.mediator.address).contains { $0.subject?.contains("Consommateur 1") == true })
        let reports = try gateway.allDeliveries().filter { (try? gateway.template(of: $0)) == "delivery_failed" }
        #expect(reports.map(\.recipientID) == [c.mediator.id])

        // A second copy to Alice fails the same day: the mediator is not told again.
        _ = try gateway.process(.to(gateway.replyAddress(c.company, in: c.room), from: c.company.address))
        try gateway.dispatch()
        #expect(try gateway.allDeliveries().filter { $0.recipientID == alice.id }.allSatisfy { $0.state == .failed })
        #expect(try gateway.allDeliveries().filter { (try? gateway.template(of: $0)) == "delivery_failed" }.count == 1)
        // Nothing failed is tried again.
        gateway.sender.reset()
        gateway.clock.advance(days: 2)
        try gateway.dispatch()
        #expect(!gateway.sender.envelopes.contains { $0.recipient == alice.originalAddress })
    }

    @Test func aCopyRefusedForLongerThanTheRetryLimitIsGivenUp() async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase()
        let alice = c.consumers[0]
        gateway.sender.answer(alice.address, with: .transient)
        try gateway.dispatch()
        let id = try #require(try gateway.allDeliveries().first { $0.recipientID == alice.id }?.id)
        var rounds = 0
        while try gateway.delivery(id)?.state == .deferred, rounds < 100 {
            gateway.clock.advance(seconds: 6 * 3600 * 1.2 + 1)
            try gateway.dispatch()
            rounds += 1
        }
        let given = try #require(try gateway.delivery(id))
        #expect(given.state == .failed)
        #expect(given.lastReply?.contains("gave up") == true)
        let retried: TimeInterval = given.updatedAt.timeIntervalSince(given.createdAt)
        let limit: TimeInterval = 3 * 86_400
        let longestWait: TimeInterval = 6 * 3600 * 1.2 + 2
        #expect(retried >= limit)
        #expect(retried < limit + longestWait)
        let reports = try gateway.allDeliveries().filter { (try? gateway.template(of: $0)) == "delivery_failed" }
        #expect(reports.map(\.recipientID) == [c.mediator.id])
    }

    /// The store refuses the outcome after the server accepted the copies (a crash between
    /// SMTP acceptance and the commit): they stay queued, and are sent again with the same
    /// Message-ID, so the duplicate is recognisable (invariant 2).
    @Test func aCopyResentAfterACrashCarriesTheSameMessageID() async throws {
        let gateway = try await GatewayFixture()
        _ = try gateway.openCase()
        try gateway.execute("""
                CREATE TRIGGER crash BEFORE UPDATE ON deliveries BEGIN SELECT RAISE(ABORT, 'crash'); END
                """)
        #expect(throws: (any Error).self) { try gateway.dispatch() }
        let first = gateway.sender.envelopes
        #expect(!first.isEmpty)
        #expect(try gateway.allDeliveries().allSatisfy { $0.state == .queued })

        try gateway.execute("DROP TRIGGER crash")
        gateway.clock.advance(seconds: 30)
        gateway.sender.reset()
        try gateway.dispatch()
        let second = gateway.sender.envelopes
        #expect(second.count == first.count)
        for (before, after) in zip(first, second) {
            #expect(after.recipient == before.recipient)
            #expect(after.sender == before.sender)
            #expect(MailMessage(parsing: after.message).messageID == MailMessage(parsing: before.message).messageID)
        }
        #expect(try gateway.allDeliveries().allSatisfy { $0.state == .sent })
    }

    @Test func aCopyThatCannotBeWrittenFailsWithoutStoppingTheOthers() async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase()
        // A notice naming a template that does not exist.
        _ = try gateway.store.write { session in
            try gateway.context.postOffice.notice("no_such_template", to: [c.consumers[0]], in: c.room,
                                                  session: session, at: gateway.now)
        }
        let summary = try gateway.dispatch()
        #expect(summary.failed == 1)
        #expect(summary.sent == c.everyone.count - 1)
    }
}
