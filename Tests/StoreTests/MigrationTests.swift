import Foundation
import GRDB
import Testing
@testable import Store

@Suite("Migrations")
struct MigrationTests {
    /// A new, empty directory for a database file of a test's own.
    static func scratchDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test("a fresh database gets every migration, in order, and reopening applies none again")
    func idempotent() throws {
        let directory = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("truce.sqlite").path
        // Every registered migration, in registration order; the first ones never change.
        let expected = StoreMigrations.migrator.migrations
        #expect(expected.starts(with: ["v1-cases", "v2-channels", "v3-inbound", "v4-posts", "v5-deliveries", "v6-held", "v7-audit"]))
        let first = try MediationStore(path: path)
        #expect(try first.appliedMigrations() == expected)
        _ = try first.createCase(title: "T", companyName: "Acme", language: .en, openedAt: StoreFixture.opening)
        let again = try MediationStore(path: path)
        #expect(try again.appliedMigrations() == expected)
        #expect(try again.read { try $0.cases().count } == 1)
        let journal = try again.writer.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(journal == "wal")
        let foreignKeys = try again.writer.read { try Bool.fetchOne($0, sql: "PRAGMA foreign_keys") }
        #expect(foreignKeys == true)
        // Savepoint journals in memory: Intake opens one per message when a batch fails.
        let tempStore = try again.writer.write { try Int.fetchOne($0, sql: "PRAGMA temp_store") }
        #expect(tempStore == 2)
    }

    @Test("a durable write commits everything or nothing, and leaves the log synced")
    func durableWrite() throws {
        let directory = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try MediationStore(path: directory.appendingPathComponent("truce.sqlite").path)
        let number = try store.writeDurably { session in
            try session.createCase(title: "T", companyName: "Acme", language: .en, openedAt: StoreFixture.opening).number
        }
        #expect(try store.read { try $0.case(number: number) } != nil)
        struct Refused: Error {}
        #expect(throws: Refused.self) {
            try store.writeDurably { session in
                _ = try session.createCase(title: "U", companyName: "Acme", language: .en, openedAt: StoreFixture.opening)
                throw Refused()
            }
        }
        #expect(try store.read { try $0.cases().count } == 1)
    }

    /// Each post reads its case's participants in joining order: from an index already in
    /// that order, not through a sort in a temporary b-tree per post.
    @Test("a case's participants are read in order from an index, without sorting")
    func participantsInIndexOrder() throws {
        let store = try MediationStore.inMemory()
        for (query, index) in [(ParticipantQuery.byCase, "participants_by_case"), (ParticipantQuery.byAddress, "participants_by_address")] {
            let plan = try store.writer.read { db in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + query, arguments: [1]).map { $0["detail"] as String }
            }
            #expect(plan.contains { $0.contains(index) }, "\(plan)")
            #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
        }
    }

    /// The Fetcher makes each batch durable while Intake holds the writer for its own batch:
    /// the fsync must not wait for that transaction to end.
    @Test("making commits durable does not wait for a write in progress")
    func durableWithoutTheWriter() throws {
        let directory = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try MediationStore(path: directory.appendingPathComponent("truce.sqlite").path)
        _ = try store.createCase(title: "T", companyName: "Acme", language: .en, openedAt: StoreFixture.opening)
        let writing = DispatchSemaphore(value: 0)
        let finishWriting = DispatchSemaphore(value: 0)
        let durable = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            try? store.write { _ in
                writing.signal()
                finishWriting.wait()
            }
        }
        writing.wait()
        DispatchQueue.global().async {
            try? store.makeDurable()
            durable.signal()
        }
        // A deadlock detector, not a speed test: a makeDurable that waited for the writer
        // would never return while the write above waits for it.
        let returned = durable.wait(timeout: .now() + 30) == .success
        finishWriting.signal()
        if !returned { durable.wait() }
        #expect(returned, "makeDurable waited for the transaction in progress")
    }

    @Test("a checkpoint folds the write-ahead log into the database and empties it")
    func checkpoint() throws {
        let directory = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("truce.sqlite").path
        let store = try MediationStore(path: path)
        _ = try store.createCase(title: "T", companyName: "Acme", language: .en, openedAt: StoreFixture.opening)
        func logSize() throws -> Int {
            (try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
        }
        #expect(try logSize() > 0)
        try store.checkpoint()
        #expect(try logSize() == 0)
        #expect(try MediationStore(path: path).read { try $0.cases().count } == 1)
    }
}

@Suite("Cases, participants and channels")
struct CaseStoreTests {
    @Test("a case opens with its room and notes, and a deadline 30 days out")
    func createCase() throws {
        let fixture = try StoreFixture()
        let channels = try fixture.store.channels(caseNumber: fixture.caseFile.number)
        #expect(channels.map(\.kind) == [.room, .notes])
        #expect(fixture.caseFile.deadline.timeIntervalSince(fixture.caseFile.openedAt) == 30 * 86_400)
    }

    @Test("consumers are numbered per case; others have no pseudonym; addresses match lowercased")
    func pseudonyms() throws {
        let fixture = try StoreFixture()
        #expect(fixture.consumer1.pseudonym == 1)
        #expect(fixture.consumer2.pseudonym == 2)
        #expect(fixture.company.pseudonym == nil)
        #expect(try fixture.store.participant(caseNumber: fixture.caseFile.number, address: "<JEAN@example.FR>")?.id == fixture.consumer1.id)
        #expect(fixture.consumer1.originalAddress == "Jean@Example.fr")
        let other = try fixture.store.createCase(title: "Other", companyName: "Beta", language: .en, openedAt: StoreFixture.opening)
        let first = try fixture.store.addParticipant(caseNumber: other.number, role: .consumer, address: "jean@example.fr", displayName: "Jean", language: .fr, at: StoreFixture.opening)
        #expect(first.pseudonym == 1)
        #expect(try fixture.store.read { try $0.participants(address: "jean@example.fr") }.count == 2)
    }

    @Test("the same address twice in a case, or a second mediator, is refused")
    func uniqueness() throws {
        let fixture = try StoreFixture()
        #expect(throws: StoreError.alreadyParticipant(caseNumber: fixture.caseFile.number, address: "jean@example.fr")) {
            try fixture.store.addParticipant(caseNumber: fixture.caseFile.number, role: .consumer, address: "JEAN@example.fr", displayName: "J", language: .fr, at: StoreFixture.opening)
        }
        #expect(throws: DatabaseError.self) {
            try fixture.store.addParticipant(caseNumber: fixture.caseFile.number, role: .mediator, address: "other@mediation.example", displayName: "M2", language: .fr, at: StoreFixture.opening)
        }
    }

    @Test("an aside always includes the mediator; members of another case are refused")
    func asides() throws {
        let fixture = try StoreFixture()
        let aside = try fixture.store.openAside(caseNumber: fixture.caseFile.number, subject: "Refund", openedBy: fixture.mediator.id,
                                                memberIDs: [fixture.consumer1.id, fixture.company.id], at: StoreFixture.opening)
        #expect(aside.memberIDs == [fixture.mediator.id, fixture.consumer1.id, fixture.company.id])
        #expect(Set(try fixture.store.members(of: aside).map(\.id)) == aside.memberIDs)
        let other = try fixture.store.createCase(title: "Other", companyName: "Beta", language: .en, openedAt: StoreFixture.opening)
        let stranger = try fixture.store.addParticipant(caseNumber: other.number, role: .consumer, address: "x@example.org", displayName: "X", language: .en, at: StoreFixture.opening)
        #expect(throws: DatabaseError.self) {
            try fixture.store.write { try $0.addMembers(channelID: aside.id, participantIDs: [stranger.id], at: StoreFixture.opening) }
        }
        #expect(throws: StoreError.notAnAside(fixture.room.id)) {
            try fixture.store.write { try $0.addMembers(channelID: fixture.room.id, participantIDs: [fixture.consumer1.id], at: StoreFixture.opening) }
        }
    }
}
