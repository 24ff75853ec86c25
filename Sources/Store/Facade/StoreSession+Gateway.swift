import Foundation
import GRDB
import Mediation

extension StoreSession {
    /// Marks a pending inbound message processed when it produced no post of its own (a
    /// message holding only commands, whose effects are their own posts).
    public func finishProcessed(inboundID: Int64) throws {
        try finish(inboundID: inboundID, as: .processed)
    }

    /// Counts one more bounce against a participant's address.
    public func countBounce(participantID: Int64) throws {
        try db.execute(sql: "UPDATE participants SET bounce_count = bounce_count + 1 WHERE id = ?",
                       arguments: [participantID])
    }

    /// How many bounces came back for a participant's address.
    public func bounceCount(participantID: Int64) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT bounce_count FROM participants WHERE id = ?", arguments: [participantID]) ?? 0
    }
}

extension StoreSession {
    /// Whether the message at this IMAP position is already in the inbound ledger: the
    /// Fetcher then only moves it out of the INBOX, without fetching it again.
    public func isRecorded(uidValidity: Int64, uid: Int64) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM inbound WHERE uidvalidity = ? AND uid = ?)"),
                          arguments: [uidValidity, uid]) ?? false
    }
}
