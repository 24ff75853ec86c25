import Foundation
import Mediation
import Store

/// The case's tamper-evident record: appends events to the `audit` table chained with
/// `AuditChain`'s SHA-256 rule, and checks a case's chain again (`truce case verify`).
///
/// An event is written in the same transaction as what it records, so the record never
/// says something happened that was rolled back.
public enum CaseAudit {
    /// Appends one event for a case; `detail` becomes the payload, as sorted JSON.
    static func append(caseNumber: Int64, kind: String, detail: [String: String], session: StoreSession, at date: Date) throws {
        try append(caseNumber: caseNumber, kind: kind, payload: detail, session: session, at: date)
    }

    /// Appends one event for a case with a structured payload (lists of outcomes), as
    /// sorted JSON. Reads only the case's last event: the cost does not grow with the chain.
    static func append(caseNumber: Int64, kind: String, payload: some Encodable, session: StoreSession, at date: Date) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let text = String(decoding: try encoder.encode(payload), as: UTF8.self)
        let instant = Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1_000).rounded() / 1_000)
        let event = AuditEvent(caseNumber: caseNumber, kind: kind, payload: text, createdAt: instant)
        try session.appendAudit(event) { previous, event in
            AuditEntry.hash(
                caseID: caseNumber, sequence: event.sequence ?? 1, kind: event.kind, payload: event.payload,
                timestamp: event.createdAt, previous: previous.flatMap(AuditHash.init(hex:)) ?? .genesis
            ).hex
        }
    }

    /// Recomputes a case's chain from its first event: the head hash when intact, or the
    /// first event that does not hold.
    public static func verify(caseNumber: Int64, store: MediationStore) throws -> Result<AuditHash, AuditChainBreak> {
        let events = try store.read { try $0.auditEvents(caseNumber: caseNumber) }
        // The stored place is what was hashed: a row whose place was changed, or a chain
        // with a gap, fails here.
        let entries = events.enumerated().map { index, event in
            AuditEntry(caseID: event.caseNumber ?? 0, sequence: event.sequence ?? Int64(index) + 1, kind: event.kind,
                       payload: event.payload, timestamp: event.createdAt,
                       hash: event.hash.flatMap(AuditHash.init(hex:)) ?? .genesis)
        }
        return AuditChain.verify(entries, caseID: caseNumber)
    }
}

/// Writes one kind of event in the record, from a service's transaction.
struct AuditNote {
    let context: GatewayContext
    let session: StoreSession
    let now: Date

    func note(caseNumber: Int64, event: String, detail: [String: String]) throws {
        try CaseAudit.append(caseNumber: caseNumber, kind: event, detail: detail, session: session, at: now)
    }
}
