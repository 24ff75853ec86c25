import Foundation
import GRDB

extension StoreSession {
    /// Appends an event to the audit log. When `seal` is given it computes the event's hash
    /// from the previous hash of the same case (nil for its first event), chaining the log.
    @discardableResult
    public func appendAudit(
        _ event: AuditEvent, seal: ((_ previousHash: String?, _ event: AuditEvent) throws -> String)? = nil
    ) throws -> AuditEvent {
        var event = event
        if let seal {
            let previous = try String.fetchOne(db, sql: """
                SELECT hash FROM audit WHERE case_number IS ? ORDER BY id DESC LIMIT 1
                """, arguments: [event.caseNumber])
            event.prevHash = previous
            event.hash = try seal(previous, event)
        }
        try event.insert(db)
        return event
    }

    /// A case's audit events (or the gateway's own, for nil), oldest first.
    public func auditEvents(caseNumber: Int64?) throws -> [AuditEvent] {
        try AuditEvent.fetchAll(db, sql: "SELECT * FROM audit WHERE case_number IS ? ORDER BY id", arguments: [caseNumber])
    }
}
