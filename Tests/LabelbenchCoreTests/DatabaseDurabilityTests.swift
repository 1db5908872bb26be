import Foundation
import GRDB
import Testing

@testable import LabelbenchCore

/// The database file is opened as the README and BENCHMARKS.md promise: WAL, and the writer's
/// commits synced (synchronous=FULL), even though GRDB sets NORMAL when it turns WAL on.
@Suite struct DatabaseDurabilityTests {
    @Test func theWriterSyncsEveryCommitInWALMode() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("durability-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try AppDatabase.openFile(at: folder.appendingPathComponent("labelbench.sqlite"))
        let (journal, synchronous) = try database.writer.writeWithoutTransaction { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA synchronous"))
        }
        #expect(journal == "wal")
        #expect(synchronous == 2, "PRAGMA synchronous is \(String(describing: synchronous)); 2 is FULL, 1 NORMAL")
    }
}
