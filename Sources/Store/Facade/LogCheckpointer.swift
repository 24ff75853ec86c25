import Dispatch
import GRDB
import GRDBSQLite
import Synchronization

/// Folds the write-ahead log into the database file beside the writer rather than in it.
///
/// By itself, SQLite checkpoints in the connection that commits once the log passes a
/// thousand pages: that commit then copies every page of the log into the database file and
/// syncs both files (`synchronous = NORMAL` syncs at checkpoints), and every write waits
/// behind it. Here the writer's log hook only asks for a checkpoint, and a connection of the
/// checkpointer's own runs it on a utility queue, without waiting for readers or for the
/// writer (PASSIVE: the writer goes on appending to the log meanwhile).
///
/// If the log still grows to `limit` pages (the checkpointer cannot keep up, or a long read
/// keeps it from finishing), the writer checkpoints inline again, as SQLite would, so the log
/// stays bounded. Checkpoints are never what makes a commit durable (`makeDurable` is), so
/// one that fails or is skipped loses nothing: the next one folds in what it left.
final class LogCheckpointer: Sendable {
    /// Pages in the log before a checkpoint is asked for: SQLite's own default.
    let threshold: Int32
    /// Pages in the log at which the writer checkpoints inline again.
    let limit: Int32

    private let path: String
    private let configuration: Configuration
    private let queue = DispatchQueue(label: "truce.store.checkpoint", qos: .utility)
    private let state = Mutex(State())
    /// Opened on the queue, used only there.
    private let connection = Mutex<DatabaseQueue?>(nil)

    private struct State {
        var scheduled = false
        var completed = 0
        var failure: String?
    }

    /// `configuration` opens the checkpointer's own connection, when it first needs one.
    init(path: String, configuration: Configuration, threshold: Int32 = 1_000, limit: Int32 = 10_000) {
        self.path = path
        self.configuration = configuration
        self.threshold = threshold
        self.limit = limit
    }

    /// How many checkpoints ran, and the last one's error if it failed.
    var progress: (completed: Int, failure: String?) {
        state.withLock { ($0.completed, $0.failure) }
    }

    /// Returns once the checkpoint asked for so far, if any, has run.
    func drain() {
        queue.sync {}
    }

    /// Takes over the log hook of `db`, a connection that writes.
    ///
    /// The hook holds the checkpointer unretained: the connection's own configuration
    /// (whose `prepareDatabase` installed it) retains the checkpointer for as long as the
    /// connection is open, so the hook never outlives it.
    func install(on db: Database) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        sqlite3_wal_hook(db.sqliteConnection, { context, connection, _, pages in
            guard let context else { return SQLITE_OK }
            let checkpointer = Unmanaged<LogCheckpointer>.fromOpaque(context).takeUnretainedValue()
            guard pages >= checkpointer.threshold else { return SQLITE_OK }
            if pages < checkpointer.limit {
                checkpointer.schedule()
            } else {
                sqlite3_wal_checkpoint_v2(connection, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
            }
            return SQLITE_OK
        }, context)
    }

    /// Asks for one checkpoint; asking again before it has started asks for nothing more.
    func schedule() {
        let first = state.withLock { state in
            defer { state.scheduled = true }
            return !state.scheduled
        }
        guard first else { return }
        queue.async { self.run() }
    }

    private func run() {
        state.withLock { $0.scheduled = false }
        let outcome: String?
        do {
            let opened = try connection.withLock { connection in
                if let connection { return connection }
                connection = try DatabaseQueue(path: path, configuration: configuration)
                return connection!
            }
            _ = try opened.writeWithoutTransaction { try $0.checkpoint(.passive) }
            outcome = nil
        } catch {
            // Busy (another checkpoint is running) or an I/O error: the log is still whole,
            // the next checkpoint or the writer's own folds it in.
            outcome = "\(error)"
        }
        state.withLock { state in
            state.completed += 1
            state.failure = outcome
        }
    }
}
