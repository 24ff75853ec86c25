import Foundation
import MIME
import MailTransport
import Mediation
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
    public func run(batch: Int = 100, committed: () -> Void = {}) throws -> Summary {
        var summary = Summary()
        let status = try mailbox.status()
        let uidValidity = Int64(status.uidValidity)
        let uids = try mailbox.uids(after: 0)
        var start = 0
        while start < uids.count {
            let slice = uids[start..<min(start + batch, uids.count)]
            start += batch
            let recorded = try context.store.read { session in
                try Set(slice.filter { try session.isRecorded(uidValidity: uidValidity, uid: Int64($0)) })
            }
            // The whole batch in one exchange where the mailbox can (one round trip).
            let fetched = try mailbox.fetch(uids: slice.filter { !recorded.contains($0) })
            let receivedAt = context.clock.now
            // Read before taking the writer, which Intake may be waiting for meanwhile.
            let ledger = fetched.map { (uid: $0.uid, raw: $0.raw, messageID: MailMessage.messageID(of: $0.raw),
                                        sha256: RawDigest.sha256Hex($0.raw)) }
            // Recorded and on disk before the server forgets the messages, even across a
            // power cut: the commit, then the log's fsync (without holding the writer).
            try context.store.writeDurably { session in
                for entry in ledger {
                    let outcome = try session.recordInbound(
                        raw: entry.raw, uidValidity: uidValidity, uid: Int64(entry.uid),
                        messageID: entry.messageID, sha256: entry.sha256, receivedAt: receivedAt)
                    switch outcome {
                    case .new: summary.recorded += 1
                    case .duplicate: summary.duplicates += 1
                    }
                }
            }
            committed()
            // Only what is recorded moves: a UID missing from the answer stays in the INBOX
            // for the next run (if it is gone for good, moving it would do nothing anyway).
            let safe = slice.filter { recorded.contains($0) } + fetched.map(\.uid)
            try mailbox.markProcessed(uids: safe)
            summary.moved += safe.count
        }
        return summary
    }
}
