import Foundation
import GRDB
import Mediation
import Testing
@testable import Store

@Suite("The audit log's sequence: appending reads only the last event")
struct AuditSequenceTests {
    /// The chain's own rule, as the gateway seals events.
    static func seal(_ previous: String?, _ event: AuditEvent) -> String {
        AuditEntry.hash(caseID: event.caseNumber ?? 0, sequence: event.sequence ?? 0, kind: event.kind,
                        payload: event.payload, timestamp: event.createdAt,
                        previous: previous.flatMap(AuditHash.init(hex:)) ?? .genesis).hex
    }

    static func entries(_ events: [AuditEvent]) -> [AuditEntry] {
        events.map {
            AuditEntry(caseID: $0.caseNumber ?? 0, sequence: $0.sequence ?? 0, kind: $0.kind, payload: $0.payload,
                       timestamp: $0.createdAt, hash: $0.hash.flatMap(AuditHash.init(hex:)) ?? .genesis)
        }
    }

    @Test func eachCaseCountsItsOwnEventsFromOne() throws {
        let fixture = try StoreFixture()
        let first = fixture.caseFile.number
        let second = try fixture.store.createCase(title: "Other", companyName: "Beta", language: .en,
                                                  openedAt: StoreFixture.opening).number
        try fixture.store.write { session in
            for (index, number) in [first, second, first, first, second].enumerated() {
                try session.appendAudit(AuditEvent(caseNumber: number, kind: "event.\(index)", payload: "{}",
                                                   createdAt: StoreFixture.opening), seal: Self.seal)
            }
        }
        let events = try fixture.store.read { try $0.auditEvents(caseNumber: first) }
        #expect(events.map(\.sequence) == [1, 2, 3])
        #expect(events.map(\.kind) == ["event.0", "event.2", "event.3"])
        #expect(try fixture.store.read { try $0.auditEvents(caseNumber: second) }.map(\.sequence) == [1, 2])
        #expect(try fixture.store.read { try $0.auditEventCount(caseNumber: first) } == 3)
        #expect(try AuditChain.verify(Self.entries(events), caseID: first).get() == AuditHash(hex: events[2].hash!))
    }

    @Test func theDatabaseRefusesAnEventOutOfItsPlace() throws {
        let fixture = try StoreFixture()
        let number = fixture.caseFile.number
        _ = try fixture.store.write { try $0.appendAudit(AuditEvent(caseNumber: number, kind: "a", payload: "{}", createdAt: StoreFixture.opening)) }
        for place in [1, 3] {
            #expect(throws: DatabaseError.self) {
                try fixture.store.writer.write { db in
                    try db.execute(sql: """
                        INSERT INTO audit (case_number, kind, payload, created_at, sequence) VALUES (?, 'forged', '{}', ?, ?)
                        """, arguments: [number, StoreFixture.opening, place])
                }
            }
        }
    }

    @Test func appendingLooksUpTheLastEventThroughAnIndex() throws {
        let fixture = try StoreFixture()
        let plan = try fixture.store.writer.read { db in
            try Row.fetchAll(db, sql: """
                EXPLAIN QUERY PLAN SELECT hash, sequence FROM audit WHERE case_number IS ? ORDER BY sequence DESC LIMIT 1
                """, arguments: [fixture.caseFile.number]).map { $0["detail"] as String? ?? "" }
        }
        #expect(plan.contains { $0.contains("audit_by_sequence") }, "plan: \(plan)")
        #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "no sort of the whole chain: \(plan)")
    }

    @Test func aDatabaseWrittenBeforeTheSequenceMigratesAndItsChainStillHolds() throws {
        let queue = try DatabaseQueue()
        try StoreMigrations.migrator.migrate(queue, upTo: "v11-joining")
        let opening = StoreFixture.opening
        // Two cases' chains, interleaved, written the old way: the place was the count.
        try queue.write { db in
            for title in ["One", "Two"] {
                try db.execute(sql: """
                    INSERT INTO cases (title, company_name, language, opened_at, deadline) VALUES (?, 'Acme', 'fr', ?, ?)
                    """, arguments: [title, opening, opening.addingTimeInterval(86_400)])
            }
            var heads: [Int64: (AuditHash, Int64)] = [:]
            for (index, number) in [Int64(1), 2, 1, 1, 2].enumerated() {
                let (previous, count) = heads[number] ?? (.genesis, 0)
                let hash = AuditEntry.hash(caseID: number, sequence: count + 1, kind: "old.\(index)", payload: "{}",
                                           timestamp: opening, previous: previous)
                try db.execute(sql: """
                    INSERT INTO audit (case_number, kind, payload, created_at, prev_hash, hash) VALUES (?, ?, '{}', ?, ?, ?)
                    """, arguments: [number, "old.\(index)", opening, count == 0 ? nil : previous.hex, hash.hex])
                heads[number] = (hash, count + 1)
            }
        }
        let store = try MediationStore(writer: queue)
        // Every later migration runs too, the sequence one among them.
        #expect(try store.appliedMigrations() == StoreMigrations.migrator.migrations)
        #expect(try store.appliedMigrations().contains("v12-audit-sequence"))
        let one = try store.read { try $0.auditEvents(caseNumber: 1) }
        #expect(one.map(\.sequence) == [1, 2, 3])
        #expect(try store.read { try $0.auditEvents(caseNumber: 2) }.map(\.sequence) == [1, 2])
        _ = try AuditChain.verify(Self.entries(one), caseID: 1).get()

        // The chain goes on from where it was, and is still append-only.
        _ = try store.write { try $0.appendAudit(AuditEvent(caseNumber: 1, kind: "new", payload: "{}", createdAt: opening), seal: Self.seal) }
        let after = try store.read { try $0.auditEvents(caseNumber: 1) }
        #expect(after.last?.sequence == 4)
        #expect(after.last?.prevHash == one.last?.hash)
        _ = try AuditChain.verify(Self.entries(after), caseID: 1).get()
        #expect(throws: DatabaseError.self) {
            try queue.write { try $0.execute(sql: "UPDATE audit SET payload = 'x'") }
        }
    }
}
