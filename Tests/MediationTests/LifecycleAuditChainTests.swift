import Foundation
import Testing
@testable import Mediation

@Suite("Audit chain: tamper evidence")
struct LifecycleAuditChainTests {
    static let start = Date(timeIntervalSince1970: 1_795_863_600.123_4)

    static func chain() -> AuditChain {
        var chain = AuditChain(caseID: 7)
        chain.append(kind: "case.opened", payload: "room 30 days", at: start)
        chain.append(kind: "offer.recorded", payload: "offer 3: 150.00 EUR per consumer", at: start.addingTimeInterval(60))
        chain.append(kind: "ballot.recorded", payload: "consumer 10 accepts offer 3", at: start.addingTimeInterval(120))
        chain.append(kind: "ballot.recorded", payload: "consumer 11 declines offer 3", at: start.addingTimeInterval(180))
        return chain
    }

    func entry(_ entry: AuditEntry, payload: String? = nil, sequence: Int64? = nil) -> AuditEntry {
        AuditEntry(caseID: entry.caseID, sequence: sequence ?? entry.sequence, kind: entry.kind,
                   payload: payload ?? entry.payload, timestamp: entry.timestamp, hash: entry.hash)
    }

    @Test func anUntouchedChainVerifies() throws {
        let chain = Self.chain()
        #expect(try AuditChain.verify(chain.entries).get() == chain.head)
        #expect(try AuditChain.verify(chain.entries, caseID: 7, expectedHead: chain.head).get() == chain.head)
        #expect(try AuditChain.verify([]).get() == .genesis)
        #expect(chain.entries.map(\.sequence) == [1, 2, 3, 4])
    }

    @Test func aModifiedPayloadIsNamed() {
        var entries = Self.chain().entries
        entries[2] = entry(entries[2], payload: "consumer 10 declines offer 3")
        #expect(AuditChain.verify(entries) == .failure(AuditChainBreak(index: 2, sequence: 3, reason: .hashMismatch)))
    }

    @Test func swappedRowsAreDetected() {
        var entries = Self.chain().entries
        entries.swapAt(1, 2)
        #expect(AuditChain.verify(entries) == .failure(AuditChainBreak(index: 1, sequence: 3, reason: .hashMismatch)))
    }

    @Test func aRemovedRowIsDetected() {
        var entries = Self.chain().entries
        entries.remove(at: 1)
        #expect(AuditChain.verify(entries) == .failure(AuditChainBreak(index: 1, sequence: 3, reason: .hashMismatch)))
        var first = Self.chain().entries
        first.removeFirst()
        #expect(AuditChain.verify(first) == .failure(AuditChainBreak(index: 0, sequence: 2, reason: .hashMismatch)))
    }

    @Test func aRemovedLastRowIsDetectedAgainstTheRecordedHead() {
        let chain = Self.chain()
        let truncated = Array(chain.entries.dropLast())
        #expect(AuditChain.verify(truncated) == .success(chain.entries[2].hash))
        #expect(AuditChain.verify(truncated, expectedHead: chain.head)
            == .failure(AuditChainBreak(index: 3, sequence: 4, reason: .headMismatch)))
    }

    @Test func aRenumberedRowIsDetected() {
        var entries = Self.chain().entries
        entries[3] = entry(entries[3], sequence: 5)
        #expect(AuditChain.verify(entries) == .failure(AuditChainBreak(index: 3, sequence: 5, reason: .hashMismatch)))
    }

    @Test func anotherCasesChainDoesNotPassForThisOne() {
        #expect(AuditChain.verify(Self.chain().entries, caseID: 8)
            == .failure(AuditChainBreak(index: 0, sequence: 1, reason: .otherCase)))
    }

    @Test func fieldBoundariesAreInTheEncoding() {
        let ab = AuditEntry.hash(caseID: 1, sequence: 1, kind: "ab", payload: "c", timestamp: Self.start, previous: .genesis)
        let bc = AuditEntry.hash(caseID: 1, sequence: 1, kind: "a", payload: "bc", timestamp: Self.start, previous: .genesis)
        #expect(ab != bc)
    }

    @Test func theEncodingIsAsDocumented() {
        let bytes = AuditEntry.canonicalBytes(caseID: 1, sequence: 2, kind: "k", payload: "pé",
                                              timestamp: Date(timeIntervalSince1970: 1.5), previous: .genesis)
        let expected: [UInt8] = Array("truce-audit-v1".utf8) + [UInt8](repeating: 0, count: 32)
            + [0, 0, 0, 0, 0, 0, 0, 1] + [0, 0, 0, 0, 0, 0, 0, 2] + [0, 0, 0, 0, 0, 0, 0x05, 0xdc]
            + [0, 0, 0, 0, 0, 0, 0, 1] + [0x6b] + [0, 0, 0, 0, 0, 0, 0, 3] + [0x70, 0xc3, 0xa9]
        #expect(bytes == expected)
    }

    @Test func aChainReadBackResumesOnlyIfIntact() throws {
        let chain = Self.chain()
        // Timestamps as a store gives them back: to the millisecond, through text.
        let reread = chain.entries.map { entry in
            AuditEntry(caseID: entry.caseID, sequence: entry.sequence, kind: entry.kind, payload: entry.payload,
                       timestamp: Date(timeIntervalSince1970: Double(String(format: "%.3f", entry.timestamp.timeIntervalSince1970))!),
                       hash: AuditHash(hex: entry.hash.hex)!)
        }
        var resumed = try AuditChain(caseID: 7, resuming: reread)
        let next = resumed.append(kind: "room.closed", payload: "", at: Self.start.addingTimeInterval(240))
        #expect(next.sequence == 5)
        #expect(try AuditChain.verify(resumed.entries).get() == next.hash)

        var tampered = chain.entries
        tampered[0] = entry(tampered[0], payload: "room 60 days")
        #expect(throws: AuditChainBreak(index: 0, sequence: 1, reason: .hashMismatch)) {
            try AuditChain(caseID: 7, resuming: tampered)
        }
    }

    @Test func hashesRoundTripThroughHex() {
        let head = Self.chain().head
        #expect(head.hex.count == 64)
        #expect(AuditHash(hex: head.hex) == head)
        #expect(AuditHash(hex: String(repeating: "g", count: 64)) == nil)
        #expect(AuditHash.genesis.hex == String(repeating: "0", count: 64))
    }
}
