import Foundation
import MailTransport
import Store

/// Fetcher: copies new mail from the IMAP INBOX into the inbound ledger.
///
/// Reads the INBOX's UIDs (every message still there is either new, or recorded but not yet
/// moved because a crash came between the commit and the move). Writes, per batch, one
/// transaction recording each new message raw with its UIDVALIDITY, UID, Message-ID and
/// SHA-256, before anything else looks at it (invariant 1). Only after that commit are the
/// messages moved to the processed mailbox, so a crash at any point loses nothing: what was
/// not committed is still in the INBOX, and what was committed is not recorded twice.
/// Each batch's new messages are fetched in one exchange (`Mailbox.fetch(uids:)`); from IMAP, one
/// that vanished from the INBOX meanwhile is simply not in the answer: not recorded, not
/// moved.
///
/// On failure: a transport error ends the run (the caller retries with backoff); nothing of
/// the batch in flight was moved.
public struct Fetcher: Sendable {
    let context: GatewayContext
    let mailbox: any Mailbox

    public init(context: GatewayContext, mailbox: any Mailbox) {
        self.context = context
        self.mailbox = mailbox
    }

    /// What one run did.
    public struct Summary: Sendable, Equatable {
        public var recorded = 0
        public var duplicates = 0
        public var moved = 0
    }

    /// `committed` is called after each batch's transaction, for an Intake running alongside.
    ///
    /// The IMAP side runs here; the batches are recorded by an `InboundRecorder` meanwhile,
    /// and each is moved once it is on disk, between two fetches.
    public func run(batch: Int = 100, committed: @escaping @Sendable () -> Void = {}) throws -> Summary {
        let status = try mailbox.status()
        let uidValidity = Int64(status.uidValidity)
        let uids = try mailbox.uids(after: 0)
        guard !uids.isEmpty else { return Summary() }
        let recorder = InboundRecorder(context: context, uidValidity: uidValidity, committed: committed)
        var moved = 0
        do {
            var start = 0
            while start < uids.count {
                let slice = uids[start..<min(start + batch, uids.count)]
                start += batch
                let known = try context.store.read { session in
                    try Set(slice.filter { try session.isRecorded(uidValidity: uidValidity, uid: Int64($0)) })
                }
                // The whole batch in one exchange where the mailbox can (one round trip).
                let fetched = try mailbox.fetch(uids: slice.filter { !known.contains($0) })
                let durable = try recorder.handOver(.init(known: slice.filter { known.contains($0) }, fetched: fetched))
                moved += try markProcessed(durable)
            }
        } catch {
            // What was handed over is still recorded and, where the server lets us, moved;
            // the error is the run's either way. Anything left in the INBOX is recognised as
            // recorded next run, not taken in twice.
            let (durable, _, _) = recorder.finish()
            _ = try? markProcessed(durable)
            throw error
        }
        let (durable, summary, failure) = recorder.finish()
        moved += try markProcessed(durable)
        if let failure { throw failure }
        return Summary(recorded: summary.recorded, duplicates: summary.duplicates, moved: moved)
    }

    /// Only what is recorded moves: a UID missing from a fetch's answer stays in the INBOX for
    /// the next run (if it is gone for good, moving it would do nothing anyway).
    private func markProcessed(_ batches: [[UInt32]]) throws -> Int {
        var moved = 0
        for uids in batches where !uids.isEmpty {
            try mailbox.markProcessed(uids: uids)
            moved += uids.count
        }
        return moved
    }
}
