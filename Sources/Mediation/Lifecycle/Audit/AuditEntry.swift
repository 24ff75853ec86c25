import Crypto
import Foundation

/// One event in a case's audit chain, with the hash that ties it to every event before it.
///
/// The hash is SHA-256 over a canonical byte encoding (version 1), in this order:
///
///     "truce-audit-v1"                     14 ASCII bytes, a domain tag
///     previous hash                        32 bytes (genesis: 32 zero bytes)
///     case id                              8 bytes, big-endian two's complement
///     sequence                             8 bytes, big-endian two's complement
///     timestamp                            8 bytes, big-endian: whole milliseconds since 1970
///     kind                                 8-byte big-endian length, then its UTF-8 bytes
///     payload                              8-byte big-endian length, then its UTF-8 bytes
///
/// Every variable field is length-prefixed, so no two different entries encode to the same
/// bytes: kind "ab" with payload "c" differs from kind "a" with payload "bc". The timestamp
/// is kept to the millisecond, the precision the store keeps, so a row read back hashes
/// the same as when it was written.
public struct AuditEntry: Sendable, Hashable, Codable {
    public let caseID: Int64
    /// 1 for a case's first entry, then one more for each.
    public let sequence: Int64
    /// What happened, in a short fixed vocabulary chosen by the caller ("offer.recorded").
    public let kind: String
    /// The details, as text.
    public let payload: String
    public let timestamp: Date
    public let hash: AuditHash

    /// An entry as read back from the store; `AuditChain.verify` says whether it is intact.
    public init(caseID: Int64, sequence: Int64, kind: String, payload: String, timestamp: Date, hash: AuditHash) {
        self.caseID = caseID
        self.sequence = sequence
        self.kind = kind
        self.payload = payload
        self.timestamp = timestamp
        self.hash = hash
    }

    /// The hash of this entry's fields chained to `previous`.
    public func expectedHash(after previous: AuditHash) -> AuditHash {
        Self.hash(caseID: caseID, sequence: sequence, kind: kind, payload: payload, timestamp: timestamp, previous: previous)
    }

    /// SHA-256 of the canonical encoding.
    public static func hash(caseID: Int64, sequence: Int64, kind: String, payload: String, timestamp: Date,
                            previous: AuditHash) -> AuditHash {
        let bytes = canonicalBytes(caseID: caseID, sequence: sequence, kind: kind, payload: payload,
                                   timestamp: timestamp, previous: previous)
        return AuditHash(uncheckedBytes: Array(SHA256.hash(data: bytes)))
    }

    /// The bytes that are hashed; see the type's documentation for the layout.
    public static func canonicalBytes(caseID: Int64, sequence: Int64, kind: String, payload: String, timestamp: Date,
                                      previous: AuditHash) -> [UInt8] {
        var bytes = Array("truce-audit-v1".utf8)
        bytes += previous.bytes
        append(caseID, to: &bytes)
        append(sequence, to: &bytes)
        append(milliseconds(timestamp), to: &bytes)
        for text in [kind, payload] {
            let utf8 = Array(text.utf8)
            append(Int64(utf8.count), to: &bytes)
            bytes += utf8
        }
        return bytes
    }

    /// Whole milliseconds since 1970, rounded so that a value that went through the store's
    /// decimal form and back lands on the same integer.
    static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1_000).rounded())
    }

    private static func append(_ value: Int64, to bytes: inout [UInt8]) {
        let bits = UInt64(bitPattern: value)
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
    }
}
