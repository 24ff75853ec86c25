import Foundation
import MIME
import Store

/// The next batch of pending messages, read from the store and parsed on another core
/// while the writer posts the batch before it.
///
/// Reading the rows, parsing the MIME, decoding the text, stripping quotes and checking
/// tags need nothing from the writer's transaction, and took about a third of Intake's
/// time; the transaction only looks things up and writes. Reading one batch ahead keeps
/// both cores busy without holding more than two batches in memory.
final class IntakeReadAhead: @unchecked Sendable {
    /// What one read found: the fetch's progress as it was just before, and the batch.
    struct Batch {
        /// Read before the rows: if fetching was over by then, every row it wrote is here.
        var fetched: (commits: Int, finished: Bool)?
        var messages: [(inbound: InboundMessage, reading: InboundReading)]
        /// The highest id in the batch: the next read starts after it.
        var lastID: Int64? { messages.last?.inbound.id }
    }

    private var outcome: Result<Batch, any Error>?
    private let done = DispatchSemaphore(value: 0)

    /// Starts reading the `size` oldest pending messages after `lastID` on another thread.
    init(after lastID: Int64, size: Int, alongside fetching: FetchProgress?, context: GatewayContext) {
        DispatchQueue.global().async { [self] in
            outcome = Result {
                let fetched = fetching?.snapshot()
                let pending = try context.store.read { try $0.pendingInbound(after: lastID, limit: size) }
                return Batch(fetched: fetched, messages: pending.map {
                    ($0, InboundReading(MailMessage(parsing: $0.raw), addresses: context.addresses, screening: context.screening))
                })
            }
            done.signal()
        }
    }

    /// The batch, once it is read and parsed; rethrows the store's error. Called once.
    func take() throws -> Batch {
        done.wait()
        return try outcome!.get()
    }
}
