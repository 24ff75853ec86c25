import Foundation
import MIME
import MailTransport
import Mediation
import Store

/// The Fetcher's second hand: records fetched batches on a thread of its own, so the IMAP
/// connection fetches the next batch while this one waits for the writer, is committed and
/// is synced. Without it the server sat idle for every commit and every fsync, and an Intake
/// running alongside waited on the Fetcher rather than on its own work.
///
/// Holds at most one batch waiting besides the one being recorded, so a slow disk slows
/// the fetching down instead of filling memory. A batch's UIDs come back from `handOver`
/// only once it is committed and synced: the Fetcher moves nothing sooner (invariant 1).
final class InboundRecorder: @unchecked Sendable {
    /// One batch as fetched: its messages, and the UIDs of the batch that were recorded in
    /// an earlier run (safe to move as they are).
    struct Batch: Sendable {
        var known: [UInt32]
        var fetched: [(uid: UInt32, raw: Data)]
    }

    private let context: GatewayContext
    private let uidValidity: Int64
    private let committed: @Sendable () -> Void
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var waiting: [Batch] = []
    private var durable: [[UInt32]] = []
    private var summary = Fetcher.Summary()
    private var failure: (any Error)?
    private var closed = false
    private var finished = false

    /// Starts the recording thread; every recorder must be ended with `finish()`.
    init(context: GatewayContext, uidValidity: Int64, committed: @escaping @Sendable () -> Void) {
        self.context = context
        self.uidValidity = uidValidity
        self.committed = committed
        Thread.detachNewThread { self.work() }
    }

    /// Hands a fetched batch over, waiting while one is already waiting, and returns the UIDs
    /// of the batches made durable since the last call, oldest first, to be moved. Throws the
    /// recorder's error once a batch could not be recorded; the batch is then not taken.
    func handOver(_ batch: Batch) throws -> [[UInt32]] {
        condition.lock()
        defer { condition.unlock() }
        while !waiting.isEmpty && failure == nil { condition.wait() }
        if let failure { throw failure }
        waiting.append(batch)
        condition.broadcast()
        return takeDurable()
    }

    /// Ends the recorder once every batch handed over is recorded, or recording failed: the
    /// UIDs made durable and not yet returned (also after a failure: those batches are on
    /// disk), the counts, and the error if any. No thread of the recorder writes after it.
    func finish() -> (durable: [[UInt32]], summary: Fetcher.Summary, failure: (any Error)?) {
        condition.lock()
        defer { condition.unlock() }
        closed = true
        condition.broadcast()
        while !finished { condition.wait() }
        return (takeDurable(), summary, failure)
    }

    private func takeDurable() -> [[UInt32]] {
        defer { durable = [] }
        return durable
    }

    private func work() {
        while true {
            condition.lock()
            while waiting.isEmpty && !closed { condition.wait() }
            guard !waiting.isEmpty else {
                finished = true
                condition.broadcast()
                condition.unlock()
                return
            }
            let batch = waiting.removeFirst()
            condition.broadcast()
            condition.unlock()
            do {
                let counts = try record(batch)
                committed()
                condition.withLock {
                    summary.recorded += counts.recorded
                    summary.duplicates += counts.duplicates
                    durable.append(batch.known + batch.fetched.map(\.uid))
                    condition.broadcast()
                }
            } catch {
                condition.withLock {
                    failure = error
                    waiting = []
                    finished = true
                    condition.broadcast()
                }
                return
            }
        }
    }

    /// One transaction for the batch, then the log's fsync (without holding the writer):
    /// recorded and on disk before the server forgets the messages, even across a power cut.
    private func record(_ batch: Batch) throws -> (recorded: Int, duplicates: Int) {
        let receivedAt = context.clock.now
        // Read before taking the writer, which Intake may be waiting for meanwhile.
        let ledger = batch.fetched.map { (uid: $0.uid, raw: $0.raw, messageID: MailMessage.messageID(of: $0.raw),
                                          sha256: RawDigest.sha256Hex($0.raw)) }
        return try context.store.writeDurably { session in
            var counts = (recorded: 0, duplicates: 0)
            for entry in ledger {
                switch try session.recordInbound(
                    raw: entry.raw, uidValidity: uidValidity, uid: Int64(entry.uid),
                    messageID: entry.messageID, sha256: entry.sha256, receivedAt: receivedAt)
                {
                case .new: counts.recorded += 1
                case .duplicate: counts.duplicates += 1
                }
            }
            return counts
        }
    }
}
