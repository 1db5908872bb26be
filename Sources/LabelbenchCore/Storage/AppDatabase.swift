import ArtifactStore
import Foundation
import GRDB

/// The Labelbench database: one SQLite file in WAL mode, migrated on open.
///
/// Every mutation is an intent-named method that runs as one transaction.
public struct AppDatabase: Sendable {
    /// The GRDB writer: a `DatabasePool` on disk, a `DatabaseQueue` in memory for unit tests.
    public let writer: any DatabaseWriter
    /// Groups the queue's small writes so that many annotators share one fsync.
    let batcher: WriteBatcher
    /// Where each annotator's search for the next item starts (see `QueuePositions`).
    let queuePositions = QueuePositions()
    /// The queue's decoded task records (see `QueueTaskRecords`).
    let queueTaskRecords = QueueTaskRecords()
    /// Agreement reports and skills of the tasks viewed last (see `TaskStatisticsCache`).
    let statisticsCache = TaskStatisticsCache()

    /// Opens (creating if needed) and migrates the database behind `writer`.
    public init(_ writer: any DatabaseWriter) throws {
        try self.init(writer, checkpointer: nil)
    }

    init(_ writer: any DatabaseWriter, checkpointer: WALCheckpointer?) throws {
        self.writer = writer
        self.batcher = WriteBatcher(writer: writer, checkpointer: checkpointer)
        try Self.migrator.migrate(writer)
    }

    /// Opens the database file in WAL mode with full durability and a busy timeout.
    public static func openFile(at url: URL) throws -> AppDatabase {
        let pool = try DatabasePool(path: url.path, configuration: configuration())
        // WAL with synchronous=FULL: every commit syncs the WAL, so an acknowledged write survives
        // power loss. Set here, after the pool is open, because GRDB turns WAL on after
        // `prepareDatabase` and sets synchronous=NORMAL with it (commits then synced only at
        // checkpoints); the writer keeps its one connection, so this holds for every write.
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: "PRAGMA wal_autocheckpoint = \(walAutocheckpointPages)")
        }
        return try AppDatabase(pool, checkpointer: WALCheckpointer(path: url.path))
    }

    /// An empty in-memory database, for unit tests.
    public static func inMemory() throws -> AppDatabase {
        try AppDatabase(DatabaseQueue(configuration: configuration()))
    }

    /// The WAL size, in pages, at which the writer checkpoints after a commit: a backstop behind
    /// `WALCheckpointer`, which copies pages as the queue commits them, so that the writer
    /// itself rarely waits for a checkpoint (SQLite's default is 1000 pages).
    static let walAutocheckpointPages = 4000

    static func configuration() -> Configuration {
        var config = Configuration()
        // Another process (the CLI's admin commands, a backup) may hold the write lock briefly.
        config.busyMode = .timeout(10)
        return config
    }

    /// A consistent copy of the live database, made with SQLite's online backup.
    public func backup(to url: URL) throws {
        if FileManager.default.fileExists(atPath: url.path) {
            throw DomainError.invalid("\(url.path) already exists; choose a new file name")
        }
        let destination = try DatabaseQueue(path: url.path)
        try writer.backup(to: destination)
        try destination.close()
    }

    /// The result of `PRAGMA integrity_check`: "ok" when the file is sound.
    public func integrityCheck() throws -> String {
        try writer.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "no answer" }
    }
}
