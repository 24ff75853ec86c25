import Foundation
import GRDB
import Mediation

/// What recording a fetched message did.
public enum InboundOutcome: Sendable, Hashable {
    /// First time seen: stored as pending, to be processed.
    case new(Int64)
    /// Already recorded as the message with this id: flag it on the server and move on.
    case duplicate(of: Int64)
}

extension StoreSession {
    /// Stores a fetched message raw, before anything else is done with it (invariant 1).
    ///
    /// A message is the same as one already recorded when it has the same IMAP UID in the
    /// same UIDVALIDITY (fetched again after a crash: nothing new is written), the same
    /// Message-ID, or — without a Message-ID — the same bytes. The last two are recorded as
    /// `duplicate` rows pointing at the original, also across UIDVALIDITY changes.
    public func recordInbound(
        raw: Data, uidValidity: Int64?, uid: Int64?, messageID: String?, sha256: String, receivedAt: Date
    ) throws -> InboundOutcome {
        // Plain statements reading only the ids: these run once per fetched message, and
        // a record fetch would read (and decode) the raw bytes of the match as well.
        if let uidValidity, let uid, let seen = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT id, duplicate_of FROM inbound WHERE uidvalidity = ? AND uid = ? LIMIT 1"),
            arguments: [uidValidity, uid]) {
            let id: Int64 = seen[0]
            let duplicateOf: Int64? = seen[1]
            return .duplicate(of: duplicateOf ?? id)
        }
        let messageID = messageID.map(ThreadingPlan.bare).flatMap { $0.isEmpty ? nil : $0 }
        let hash = sha256.lowercased()
        let originalID: Int64?
        if let messageID {
            originalID = try Int64.fetchOne(
                db.cachedStatement(sql: "SELECT id FROM inbound WHERE duplicate_of IS NULL AND message_id = ? LIMIT 1"),
                arguments: [messageID])
        } else {
            originalID = try Int64.fetchOne(
                db.cachedStatement(sql: """
                    SELECT id FROM inbound WHERE duplicate_of IS NULL AND message_id IS NULL AND sha256 = ? LIMIT 1
                    """),
                arguments: [hash])
        }
        let state: InboundMessage.State = originalID == nil ? .pending : .duplicate
        try db.cachedStatement(sql: """
            INSERT INTO inbound (raw, uidvalidity, uid, message_id, sha256, received_at, state, duplicate_of)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [raw, uidValidity, uid, messageID, hash, receivedAt, state.rawValue, originalID])
        return originalID.map { .duplicate(of: $0) } ?? .new(db.lastInsertedRowID)
    }

    /// The query of `pendingInbound`. The state is written out, not bound, so that SQLite
    /// uses the index of pending rows.
    static let pendingQuery = """
        SELECT id, raw, uidvalidity, uid, message_id, sha256, received_at, duplicate_of
        FROM inbound WHERE state = 'pending' AND id > ? ORDER BY id LIMIT ?
        """

    /// The oldest messages waiting for Intake, after the one with id `lastID`.
    ///
    /// Read column by column from a cursor rather than through the record's decoder: Intake
    /// reads every message this way, and decoding by name, with each raw message copied
    /// once more into a row first, cost as much as the read.
    public func pendingInbound(after lastID: Int64 = 0, limit: Int) throws -> [InboundMessage] {
        let statement = try db.cachedStatement(sql: Self.pendingQuery)
        var messages: [InboundMessage] = []
        let rows = try Row.fetchCursor(statement, arguments: [lastID, limit])
        while let row = try rows.next() {
            messages.append(InboundMessage(
                id: row[0], raw: row[1], uidValidity: row[2], uid: row[3], messageID: row[4], sha256: row[5],
                receivedAt: row[6], state: .pending, duplicateOf: row[7]))
        }
        return messages
    }

    public func inbound(id: Int64) throws -> InboundMessage? {
        try InboundMessage.fetchOne(db, key: id)
    }

    /// How many inbound messages are in each state.
    public func inboundCounts() throws -> [InboundMessage.State: Int] {
        try counts(sql: "SELECT state, COUNT(*) FROM inbound GROUP BY state")
    }

    /// Moves a pending inbound message to `state`; anything else was already handled.
    func finish(inboundID: Int64, as state: InboundMessage.State) throws {
        // One UPDATE that only touches a pending row (the raw bytes are neither read nor
        // rewritten); when it changes nothing, a second look says why.
        try db.cachedStatement(sql: "UPDATE inbound SET state = ? WHERE id = ? AND state = 'pending'")
            .execute(arguments: [state.rawValue, inboundID])
        guard db.changesCount == 0 else { return }
        guard let current = try String.fetchOne(
            db.cachedStatement(sql: "SELECT state FROM inbound WHERE id = ?"), arguments: [inboundID])
        else { throw StoreError.noSuchInbound(inboundID) }
        throw StoreError.inboundAlreadyHandled(inboundID, InboundMessage.State(rawValue: current) ?? .processed)
    }

    func counts<State: RawRepresentable & Hashable>(sql: String, arguments: StatementArguments = []) throws -> [State: Int]
    where State.RawValue == String {
        var result: [State: Int] = [:]
        for row in try Row.fetchAll(db, sql: sql, arguments: arguments) {
            if let state = State(rawValue: row[0]) { result[state] = row[1] }
        }
        return result
    }
}
