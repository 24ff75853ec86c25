import Foundation
import GRDB

extension StoreSession {
    /// Appends an event to the audit log, after its case's last event: it takes the next
    /// sequence number and, when `seal` is given, a hash computed from the previous event's
    /// hash (nil for a case's first event), chaining the log. Reads only the last event, so
    /// appending costs the same whatever the length of the chain.
    @discardableResult
    public func appendAudit(
        _ event: AuditEvent, seal: ((_ previousHash: String?, _ event: AuditEvent) throws -> String)? = nil
    ) throws -> AuditEvent {
        var event = event
        // Cached statements with positional arguments: Intake appends an event for every
        // post, and the record path would name and encode each column anew every time.
        let last = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT hash, sequence FROM audit WHERE case_number IS ? ORDER BY sequence DESC LIMIT 1
            """), arguments: [event.caseNumber])
        event.sequence = (last?["sequence"] as Int64? ?? 0) + 1
        if let seal {
            let previous: String? = last?["hash"]
            event.prevHash = previous
            event.hash = try seal(previous, event)
        }
        try db.cachedStatement(sql: """
            INSERT INTO audit (case_number, sequence, kind, payload, created_at, prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                event.caseNumber, event.sequence, event.kind, event.payload, StoredDate.value(event.createdAt), event.prevHash,
                event.hash,
            ])
        event.id = db.lastInsertedRowID
        return event
    }

    /// A case's audit events (or the gateway's own, for nil), oldest first.
    public func auditEvents(caseNumber: Int64?) throws -> [AuditEvent] {
        try AuditEvent.fetchAll(db, sql: "SELECT * FROM audit WHERE case_number IS ? ORDER BY id", arguments: [caseNumber])
    }

    /// How many events a case's record holds, without reading them.
    public func auditEventCount(caseNumber: Int64?) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(sequence), 0) FROM audit WHERE case_number IS ?", arguments: [caseNumber]) ?? 0
    }
}

extension StoreSession {
    /// The Message-ID an inbound message came with, without reading its raw bytes.
    public func inboundMessageID(id: Int64) throws -> String? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT message_id FROM inbound WHERE id = ?"), arguments: [id])
    }

}
