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
        try append(caseNumber: caseNumber, kind: kind, text: sortedJSON(detail), session: session, at: date)
    }

    /// Appends one event for a case with a structured payload (lists of outcomes), as
    /// sorted JSON. Reads only the case's last event: the cost does not grow with the chain.
    static func append(caseNumber: Int64, kind: String, payload: some Encodable, session: StoreSession, at date: Date) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        try append(caseNumber: caseNumber, kind: kind, text: String(decoding: try encoder.encode(payload), as: UTF8.self),
                   session: session, at: date)
    }

    private static func append(caseNumber: Int64, kind: String, text: String, session: StoreSession, at date: Date) throws {
        let instant = Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1_000).rounded() / 1_000)
        let event = AuditEvent(caseNumber: caseNumber, kind: kind, payload: text, createdAt: instant)
        try session.appendAudit(event) { previous, event in
            AuditEntry.hash(
                caseID: caseNumber, sequence: event.sequence ?? 1, kind: event.kind, payload: event.payload,
                timestamp: event.createdAt, previous: previous.flatMap(AuditHash.init(hex:)) ?? .genesis
            ).hex
        }
    }

    /// `detail` as JSON, keys sorted, exactly as `JSONEncoder` writes it with `.sortedKeys`
    /// and `.withoutEscapingSlashes`. Most events carry a few strings, one per post that
    /// Intake takes in: written directly, they cost a tenth of a general encoder's time.
    static func sortedJSON(_ detail: [String: String]) -> String {
        var json: [UInt8] = [UInt8(ascii: "{")]
        json.reserveCapacity(256)
        for (index, key) in detail.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
            if index > 0 { json.append(UInt8(ascii: ",")) }
            appendJSONString(key, to: &json)
            json.append(UInt8(ascii: ":"))
            appendJSONString(detail[key]!, to: &json)
        }
        json.append(UInt8(ascii: "}"))
        return String(decoding: json, as: UTF8.self)
    }

    private static func appendJSONString(_ text: String, to json: inout [UInt8]) {
        json.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): json += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): json += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x08: json += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
            case 0x0C: json += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
            case 0x0A: json += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: json += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: json += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                json += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            default: json.append(byte)
            }
        }
        json.append(UInt8(ascii: "\""))
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
