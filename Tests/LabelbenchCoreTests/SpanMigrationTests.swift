import Foundation
import GRDB
import Testing

@testable import LabelbenchCore

/// `v4-span-answers` rebuilds the task table to allow `answer = 'spans'`: an install made before it
/// keeps its tasks and their work, and the rebuilt table is still the one the others point at.
@Suite struct SpanMigrationTests {
    @Test func theRebuiltTaskTableKeepsItsRowsAndItsReferences() throws {
        let queue = try DatabaseQueue()
        try AppDatabase.migrator.migrate(queue, upTo: "v3-queue-revisions-and-archive")
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO user (id, name, role, created_at) VALUES (1, 'ann', 'annotator', 0);
                    INSERT INTO task (id, name, title, kind, answer, labels, overlap, lease_seconds, gold_rate,
                                      guideline_version, created_at, archived_at)
                    VALUES (1, 't', 'T', 'text', 'single', '[]', 1, 60, 0, 1, 0, 5);
                    INSERT INTO item (id, task_id, external_id, text, created_at) VALUES (1, 1, 'i', 'x', 0);
                    INSERT INTO annotation (task_id, item_id, user_id, label, guideline_version, source, created_at)
                    VALUES (1, 1, 1, '"a"', 1, 'queue', 0);
                    """)
        }
        // Up to v4 only: v5-box-answers widens the check again (BoxMigrationTests).
        try AppDatabase.migrator.migrate(queue, upTo: "v4-span-answers")
        try queue.write { db in
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM annotation") == 1)
            #expect(try Double.fetchOne(db, sql: "SELECT archived_at FROM task") == 5)
            try db.execute(sql: "UPDATE task SET answer = 'spans'")
            #expect(throws: DatabaseError.self) { try db.execute(sql: "UPDATE task SET answer = 'boxes'") }
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
            // Deleting the task still cascades to its items and annotations.
            try db.execute(sql: "DELETE FROM task")
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM item") == 0)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM annotation") == 0)
        }
    }
}
