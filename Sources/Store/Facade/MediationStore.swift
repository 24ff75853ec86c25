import Foundation
import GRDB

/// The gateway's database: cases, participants, channels, the inbound ledger, posts, the
/// outbox, the holding pen, notices and the audit log, in one SQLite file.
///
/// Every method is one transaction. To do several steps atomically (Intake's screen →
/// target → authenticate → authorize → post-or-hold), use `write { session in … }`: the
/// same operations are available on the `StoreSession`, and all of them commit or none.
public final class MediationStore: Sendable {
    public let writer: any DatabaseWriter
    /// Checkpoints beside the writer, for a database in a file.
    let checkpointer: LogCheckpointer?

    /// Opens (creating if needed) the database at `path` in WAL mode, and migrates it.
    public convenience init(path: String) throws {
        let checkpointer = LogCheckpointer(path: path, configuration: Self.configuration(checkpointer: nil))
        try self.init(writer: DatabasePool(path: path, configuration: Self.configuration(checkpointer: checkpointer)),
                      checkpointer: checkpointer)
    }

    /// A private in-memory database, for tests and dry runs.
    public static func inMemory() throws -> MediationStore {
        try MediationStore(writer: DatabaseQueue(configuration: configuration(checkpointer: nil)))
    }

    /// Uses an opened database, migrating it to the current schema.
    public convenience init(writer: any DatabaseWriter) throws {
        try self.init(writer: writer, checkpointer: nil)
    }

    init(writer: any DatabaseWriter, checkpointer: LogCheckpointer?) throws {
        self.writer = writer
        self.checkpointer = checkpointer
        try StoreMigrations.migrator.migrate(writer)
    }

    /// `checkpointer`, when given, takes over the log's checkpoints from the connection
    /// that writes.
    static func configuration(checkpointer: LogCheckpointer?) -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        // Several services write; wait for each other rather than fail with SQLITE_BUSY.
        configuration.busyMode = .timeout(10)
        // In WAL mode, NORMAL syncs the log at checkpoints rather than at every commit: a
        // commit may be lost to a power cut (never to a crash of the process, and the file
        // is never corrupted), and a commit costs no fsync. What the outside world acts on
        // is made durable explicitly first (`makeDurable`).
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Intake writes each message in a savepoint of its batch's transaction, and a
            // savepoint journals every page it first touches: on disk, that was a temporary
            // file written some fifty pages a message, most of what Intake wrote to disk.
            // These journals live only as long as their transaction; memory is the place.
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            if let checkpointer, !db.configuration.readonly {
                checkpointer.install(on: db)
            }
        }
        return configuration
    }

    /// Folds the write-ahead log into the database file and empties it: what SQLite does by
    /// itself every thousand pages, done at a moment of the caller's choosing.
    public func checkpoint() throws {
        guard let pool = writer as? DatabasePool else { return }
        _ = try pool.writeWithoutTransaction { try $0.checkpoint(.truncate) }
    }

    /// Makes every transaction committed so far survive a power cut, with one fsync of the
    /// write-ahead log. Call it before anything outside the database acts on a commit:
    /// before mail is moved off the IMAP server (invariant 1), before a copy is handed to
    /// the SMTP server (invariant 2).
    ///
    /// Without taking the writer, so that Intake goes on writing meanwhile. A commit's frames
    /// stay in the log until a checkpoint has copied the whole log into the database file
    /// and synced that file (what `synchronous = NORMAL` does at every checkpoint); only then
    /// may a later transaction write over them. So the frames are either still in the log,
    /// and this fsync keeps them, or already safe in the database file.
    public func makeDurable() throws {
        guard let pool = writer as? DatabasePool else { return }
        try Self.synchronizeLog(of: pool)
    }

    /// `write`, then `makeDurable`.
    public func writeDurably<T>(_ body: (StoreSession) throws -> T) throws -> T {
        let result = try write(body)
        try makeDurable()
        return result
    }

    private static func synchronizeLog(of pool: DatabasePool) throws {
        let log = pool.path + "-wal"
        guard FileManager.default.fileExists(atPath: log) else { return }
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: log))
        defer { try? handle.close() }
        try handle.synchronize()
    }

    /// The names of the migrations applied, in order.
    public func appliedMigrations() throws -> [String] {
        try writer.read { db in try StoreMigrations.migrator.appliedMigrations(db) }
    }

    /// Runs `body` in one write transaction: everything it does commits together, or,
    /// if it throws, nothing does.
    public func write<T>(_ body: (StoreSession) throws -> T) throws -> T {
        try writer.write { db in try body(StoreSession(db: db)) }
    }

    /// Runs `body` on a consistent snapshot, without blocking writers.
    public func read<T>(_ body: (StoreSession) throws -> T) throws -> T {
        try writer.read { db in try body(StoreSession(db: db)) }
    }
}

/// The Store's operations inside one transaction. Valid only within the closure given to
/// `MediationStore.write` or `read`.
public struct StoreSession {
    let db: Database
}

extension StoreSession {
    /// Runs `body` in a savepoint of the current transaction: if it throws, what it wrote
    /// is undone and the error rethrown, while the rest of the transaction stands.
    public func savepoint<T>(_ body: () throws -> T) throws -> T {
        var result: T?
        try db.inSavepoint {
            result = try body()
            return .commit
        }
        return result!
    }
}
