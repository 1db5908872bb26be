import Foundation
import GRDB
import Testing

@testable import LabelbenchCore

/// Checkpoints of a database file run on their own connection while the writer keeps committing,
/// and the writer's automatic checkpoint stays behind them as a backstop.
@Suite struct WALCheckpointerTests {
    private func withDatabaseFile(_ body: (AppDatabase, URL) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("checkpoint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("labelbench.sqlite")
        try await body(try AppDatabase.openFile(at: url), url)
    }

    private func fileSize(_ url: URL) throws -> Int {
        try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int ?? 0
    }

    private func modified(_ url: URL) throws -> Date? {
        try FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date
    }

    @Test func theWritersOwnCheckpointIsTheBackstop() async throws {
        try await withDatabaseFile { database, _ in
            let pages = try await database.writer.writeWithoutTransaction { db in
                try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint")
            }
            #expect(pages == AppDatabase.walAutocheckpointPages)
            #expect(AppDatabase.walAutocheckpointPages > 1000)
        }
    }

    @Test func aCheckpointCopiesCommittedPagesIntoTheDatabaseFile() async throws {
        try await withDatabaseFile { database, url in
            let checkpointer = try WALCheckpointer(path: url.path)
            _ = try checkpointer.checkpoint()
            let before = try fileSize(url)
            // 200 rows of 2 KB: about 100 pages, well below the writer's own checkpoint.
            try await database.writer.write { db in
                try db.execute(sql: "CREATE TABLE scratch (body BLOB NOT NULL)")
                for _ in 0..<200 { try db.execute(sql: "INSERT INTO scratch (body) VALUES (randomblob(2048))") }
            }
            #expect(try fileSize(url) == before, "in WAL mode only a checkpoint writes to the database file")
            let (walFrames, copied) = try checkpointer.checkpoint()
            #expect(walFrames > 0)
            #expect(copied == walFrames)
            #expect(try fileSize(url) >= before + 200 * 2048)
        }
    }

    @Test func queueWritesAreFollowedByACheckpoint() async throws {
        try await withDatabaseFile { database, url in
            let (task, users) = try await Fixture.task(database, items: 400)
            // The import's own checkpoint runs on the writer's queue; a write after it waits for it.
            try await database.writer.write { _ in }
            let before = try modified(url)
            for user in users {
                for _ in 0..<20 {
                    guard case .leased(let lease) = try await database.leaseNextItem(in: task, for: user) else { break }
                    _ = try await database.submitAnnotation(
                        AnnotationSubmission(itemID: lease.item.externalID, answer: .one("cat"), leaseToken: lease.token),
                        in: task, by: user)
                }
            }
            // In WAL mode only a checkpoint writes to the database file, and these few pages are far
            // below the writer's own: the checkpointer runs after the commits, so give it up to 10 s.
            let deadline = ContinuousClock.now + .seconds(10)
            while try modified(url) == before && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(try modified(url) != before)
        }
    }
}
