import Foundation
import GRDB
import Testing
@testable import Store

/// The write-ahead log is folded into the database file by a connection of its own, not by
/// the commit that happens to fill it.
@Suite("Checkpoints beside the writer")
struct LogCheckpointerTests {
    /// One transaction of `pages` pages or so, as a large batch of mail would write.
    static func fill(_ store: MediationStore, pages: Int) throws {
        try store.writer.write { db in
            try db.execute(sql: "CREATE TABLE IF NOT EXISTS filler (bytes BLOB NOT NULL)")
            for _ in 0..<pages {
                try db.execute(sql: "INSERT INTO filler (bytes) VALUES (randomblob(4000))")
            }
        }
    }

    @Test("a commit that fills the log leaves the checkpoint to the checkpointer, which folds the log in")
    func aFullLogIsFoldedInBesideTheWriter() throws {
        let directory = try MigrationTests.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("truce.sqlite").path
        let store = try MediationStore(path: path)
        let checkpointer = try #require(store.checkpointer)
        let sizeBefore = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0

        try Self.fill(store, pages: Int(checkpointer.threshold) / 2)
        checkpointer.drain()
        #expect(checkpointer.progress.completed == 0, "a short log is left alone")

        try Self.fill(store, pages: Int(checkpointer.threshold))
        checkpointer.drain()
        #expect(checkpointer.progress.completed == 1)
        #expect(checkpointer.progress.failure == nil)
        // The pages are in the database file now, and the log holds nothing left to copy.
        let sizeAfter = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
        #expect(sizeAfter - sizeBefore >= Int(checkpointer.threshold) * 4_000)
        let (logged, copied) = try DatabaseQueue(path: path).writeWithoutTransaction { try $0.checkpoint(.passive) }
        #expect(logged == copied)
        #expect(try store.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM filler") }
            == Int(checkpointer.threshold) * 3 / 2)
    }

    /// When the log outgrows `limit` anyway (here one transaction larger than it), the
    /// writer folds it in itself, as SQLite would: the log stays bounded.
    @Test("past its limit, the log is folded in by the writer itself")
    func pastTheLimitTheWriterCheckpoints() throws {
        let directory = try MigrationTests.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("truce.sqlite").path
        let checkpointer = LogCheckpointer(path: path, configuration: MediationStore.configuration(checkpointer: nil),
                                           threshold: 100, limit: 300)
        let store = try MediationStore(
            writer: DatabasePool(path: path, configuration: MediationStore.configuration(checkpointer: checkpointer)),
            checkpointer: checkpointer)

        // The migrations alone fill a log this small: start from what they asked for.
        checkpointer.drain()
        let before = checkpointer.progress.completed
        try Self.fill(store, pages: 150)
        checkpointer.drain()
        #expect(checkpointer.progress.completed == before + 1, "between the threshold and the limit: asked for")
        let sizeBefore = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0

        try Self.fill(store, pages: 400)
        checkpointer.drain()
        #expect(checkpointer.progress.completed == before + 1, "past the limit: not asked for")
        let sizeAfter = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
        #expect(sizeAfter - sizeBefore >= 400 * 4_000, "the writer copied the log into the file")
        let (logged, copied) = try DatabaseQueue(path: path).writeWithoutTransaction { try $0.checkpoint(.passive) }
        #expect(logged == copied)
    }

    @Test("a database in memory has no log, and no checkpointer")
    func inMemoryHasNone() throws {
        #expect(try MediationStore.inMemory().checkpointer == nil)
    }
}
