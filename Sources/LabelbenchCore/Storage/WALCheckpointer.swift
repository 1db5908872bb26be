import GRDB
import Synchronization

/// Copies committed pages from the WAL into the database file on a connection of its own, so the
/// queue's writer never waits for it.
///
/// SQLite's automatic checkpoint runs on the connection that commits: every 1000 pages one of the
/// queue's batched commits also copied those pages into the database file and waited for its
/// fsync, and every annotator's next write waited behind it (5–30 ms, hundreds when other jobs
/// load the disk). A passive checkpoint on another connection takes no lock the writer needs.
/// The writer's own automatic checkpoint stays as a backstop (`AppDatabase.walAutocheckpointPages`):
/// by the time it fires nearly every page is already copied, and it lets the WAL start over.
final class WALCheckpointer: Sendable {
    private let connection: DatabaseQueue
    private let running = Mutex(false)

    init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.label = "WALCheckpointer"
        // FULL: the database file is synced before the WAL frames are marked as copied.
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        connection = try DatabaseQueue(path: path, configuration: configuration)
    }

    /// Starts a passive checkpoint on the checkpointer's own queue unless one is already running.
    func checkpointSoon() {
        let start = running.withLock { running in
            if running { return false }
            running = true
            return true
        }
        guard start else { return }
        connection.asyncWriteWithoutTransaction { db in
            // A checkpoint the writer's backstop is running at the same moment makes this one
            // return busy; the next commit starts another.
            _ = try? self.checkpoint(db)
            self.running.withLock { $0 = false }
        }
    }

    /// Copies what it can without waiting; returns the WAL's frame count and how many are copied.
    func checkpoint() throws -> (walFrameCount: Int, checkpointedFrameCount: Int) {
        try connection.writeWithoutTransaction { db in try checkpoint(db) }
    }

    private func checkpoint(_ db: Database) throws -> (walFrameCount: Int, checkpointedFrameCount: Int) {
        try db.checkpoint(.passive)
    }
}
