import Foundation
import GRDB
import MIME
import MailTransport
import Store
import Testing
@testable import Gateway

/// The cycle's fetch and intake run at once: Intake posts what the Fetcher has committed
/// while the Fetcher is still waiting on the server for the rest.
@Suite("Cycle: fetching and taking in at once")
struct TakeInTests {
    /// A FakeMailbox whose batch fetches can be held back until a test's condition holds,
    /// as a slow server holds back its answer.
    final class SlowMailbox: Mailbox, @unchecked Sendable {
        let inner = FakeMailbox()
        /// Asked before answering each batch fetch after the first; the fetch waits until it
        /// returns true, or gives up after `patience`.
        var holdBack: () -> Bool = { true }
        var patience: Duration = .seconds(30)
        private(set) var heldBackInVain = false
        private var batches = 0

        func status() throws(TransportError) -> MailboxStatus { try inner.status() }
        func uids(after uid: UInt32) throws(TransportError) -> [UInt32] { try inner.uids(after: uid) }
        func fetch(uid: UInt32) throws(TransportError) -> Data { try inner.fetch(uid: uid) }
        func fetch(uids: [UInt32]) throws(TransportError) -> [(uid: UInt32, raw: Data)] {
            batches += 1
            if batches > 1 {
                let deadline = ContinuousClock.now + patience
                while !holdBack() {
                    if ContinuousClock.now > deadline {
                        heldBackInVain = true
                        break
                    }
                    Thread.sleep(forTimeInterval: 0.005)  // polling a condition, not timing
                }
            }
            var answer: [(uid: UInt32, raw: Data)] = []
            for uid in uids { answer.append((uid, try inner.fetch(uid: uid))) }
            return answer
        }
        func markProcessed(uid: UInt32) throws(TransportError) { try inner.markProcessed(uid: uid) }
        func markProcessed(uids: [UInt32]) throws(TransportError) { try inner.markProcessed(uids: uids) }
    }

    func replies(_ count: Int, gateway: GatewayFixture) throws -> [Data] {
        let c = try gateway.openCase()
        let alice = c.consumers[0]
        return try (1...count).map {
            try InboundMail.to(gateway.replyAddress(alice, in: c.room), from: alice.address, text: "Reply \($0).").raw()
        }
    }

    func postCount(_ gateway: GatewayFixture) throws -> Int {
        try gateway.store.writer.read { db in try Post.filter(Column("inbound_id") != nil).fetchCount(db) }
    }

    /// The second batch's fetch waits until the first batch is posted. Were intake to start
    /// only after fetching, that would never happen and the fetch would wait in vain.
    @Test func theFirstBatchIsPostedWhileTheServerStillHoldsTheSecond() async throws {
        let gateway = try await GatewayFixture()
        let mailbox = SlowMailbox()
        for raw in try replies(4, gateway: gateway) { mailbox.inner.deliver(raw) }
        mailbox.holdBack = { (try? postCount(gateway)) == 2 }

        var report = GatewayCycle.Report()
        GatewayCycle(context: gateway.context, mailbox: mailbox, sender: gateway.sender)
            .takeIn(into: &report, fetchBatch: 2, intakeBatch: 1)

        #expect(!mailbox.heldBackInVain, "intake did not post the first batch while the second was being fetched")
        #expect(report.fetched == Fetcher.Summary(recorded: 4, duplicates: 0, moved: 4))
        #expect(report.intake == Intake.Summary(posted: 4, held: 0, failed: 0))
        #expect(try postCount(gateway) == 4)
        #expect(mailbox.inner.inboxUIDs.isEmpty)
    }

    /// Intake waits for batches still to come, and takes what earlier cycles left pending
    /// first. Each later batch is held back until Intake has taken in everything recorded
    /// so far, so an Intake that stopped at its first empty read would miss the last ones.
    @Test func everythingFetchedInACycleIsTakenInByThatCycle() async throws {
        let gateway = try await GatewayFixture()
        let raws = try replies(7, gateway: gateway)
        try gateway.receive(raw: raws[0])  // left pending by an earlier cycle
        let mailbox = SlowMailbox()
        for raw in raws.dropFirst() { mailbox.inner.deliver(raw) }
        mailbox.holdBack = { (try? gateway.store.inboundCounts()[.pending]) == nil }

        var report = GatewayCycle.Report()
        GatewayCycle(context: gateway.context, mailbox: mailbox, sender: gateway.sender)
            .takeIn(into: &report, fetchBatch: 2, intakeBatch: 3)

        #expect(!mailbox.heldBackInVain)
        #expect(report.fetched.recorded == 6)
        #expect(report.intake.posted == 7)
        #expect(try gateway.store.inboundCounts()[.pending] == nil)
    }

    /// A server that fails mid-way ends the fetch with its error; what was recorded before
    /// is still taken in, and the rest waits in the INBOX for the next cycle.
    @Test func aFetchThatFailsMidwayStillTakesInWhatWasRecorded() async throws {
        let gateway = try await GatewayFixture()
        let mailbox = SlowMailbox()
        for raw in try replies(4, gateway: gateway) { mailbox.inner.deliver(raw) }
        let inner = mailbox.inner
        mailbox.holdBack = {
            inner.fail(.fetch, with: TransportError(.retry, message: "IMAP server gone"))
            return true
        }

        var report = GatewayCycle.Report()
        GatewayCycle(context: gateway.context, mailbox: mailbox, sender: gateway.sender)
            .takeIn(into: &report, fetchBatch: 2, intakeBatch: 50)

        #expect(report.fetchError?.message == "IMAP server gone")
        #expect(report.intake.posted == 2)
        #expect(mailbox.inner.inboxUIDs == [3, 4])
    }
}
