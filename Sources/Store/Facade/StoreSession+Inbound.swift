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
        if let uidValidity, let uid, let seen = try InboundMessage
            .filter(InboundMessage.Columns.uidValidity == uidValidity && InboundMessage.Columns.uid == uid)
            .fetchOne(db) {
            return .duplicate(of: seen.duplicateOf ?? seen.id!)
        }
        let messageID = messageID.map(ThreadingPlan.bare).flatMap { $0.isEmpty ? nil : $0 }
        let hash = sha256.lowercased()
        var original = InboundMessage.filter(InboundMessage.Columns.duplicateOf == nil)
        if let messageID {
            original = original.filter(InboundMessage.Columns.messageID == messageID)
        } else {
            original = original.filter(InboundMessage.Columns.messageID == nil && InboundMessage.Columns.sha256 == hash)
        }
        let originalID = try original.fetchOne(db)?.id
        var record = InboundMessage(
            raw: raw, uidValidity: uidValidity, uid: uid, messageID: messageID, sha256: hash,
            receivedAt: receivedAt, state: originalID == nil ? .pending : .duplicate, duplicateOf: originalID)
        try record.insert(db)
        return originalID.map { .duplicate(of: $0) } ?? .new(record.id!)
    }

    /// The oldest messages waiting for Intake.
    public func pendingInbound(limit: Int) throws -> [InboundMessage] {
        try InboundMessage.filter(InboundMessage.Columns.state == InboundMessage.State.pending.rawValue)
            .order(InboundMessage.Columns.id).limit(limit).fetchAll(db)
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
        guard var inbound = try InboundMessage.fetchOne(db, key: inboundID) else { throw StoreError.noSuchInbound(inboundID) }
        guard inbound.state == .pending else { throw StoreError.inboundAlreadyHandled(inboundID, inbound.state) }
        inbound.state = state
        try inbound.update(db)
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
