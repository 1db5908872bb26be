import Foundation
import GRDB
import Testing

@testable import LabelbenchCore

/// `v5-box-answers` rebuilds the task table again to allow `answer = 'boxes'`: an install made before
/// it (after the span rebuild, whose rename rewrote the table's statement) keeps its tasks, items,
/// work and rulings, and the rebuilt table is still the one the others point at.
@Suite struct BoxMigrationTests {
    @Test func theRebuiltTaskTableKeepsItsRowsAndItsReferences() throws {
        let queue = try DatabaseQueue()
        try AppDatabase.migrator.migrate(queue, upTo: "v4-span-answers")
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO user (id, name, role, created_at) VALUES (1, 'ann', 'annotator', 0);
                    INSERT INTO task (id, name, title, kind, answer, labels, overlap, lease_seconds, gold_rate,
                                      guideline_version, created_at, archived_at)
                    VALUES (1, 't', 'T', 'text', 'spans', '[]', 1, 60, 0, 1, 0, 5),
                           (2, 'p', 'P', 'image', 'single', '[]', 2, 60, 0, 1, 0, NULL);
                    INSERT INTO item (id, task_id, external_id, text, created_at) VALUES (1, 1, 'i', 'x', 0);
                    INSERT INTO item (id, task_id, external_id, image_sha256, image_type, image_width, image_height, created_at)
                    VALUES (2, 2, 'photo', 'abc', 'image/png', 640, 480, 0);
                    INSERT INTO annotation (task_id, item_id, user_id, label, guideline_version, source, created_at)
                    VALUES (1, 1, 1, '[{"start":0,"end":1,"label":"a"}]', 1, 'queue', 0),
                           (2, 2, 1, '"a"', 1, 'queue', 0);
                    """)
        }
        let indexesBefore = try queue.read { db in
            try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'task' ORDER BY name")
        }
        try AppDatabase.migrator.migrate(queue)
        try queue.write { db in
            #expect(try String.fetchAll(db, sql: "SELECT answer FROM task ORDER BY id") == ["spans", "single"])
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM annotation") == 2)
            #expect(try Int.fetchOne(db, sql: "SELECT image_width FROM item WHERE id = 2") == 640)
            #expect(try Double.fetchOne(db, sql: "SELECT archived_at FROM task WHERE id = 1") == 5)
            #expect(
                try String.fetchAll(
                    db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'task' ORDER BY name")
                    == indexesBefore)
            try db.execute(sql: "UPDATE task SET answer = 'boxes' WHERE id = 2")
            #expect(throws: DatabaseError.self) { try db.execute(sql: "UPDATE task SET answer = 'polygons' WHERE id = 2") }
            // The task name is still unique after the rebuild.
            #expect(throws: DatabaseError.self) {
                try db.execute(
                    sql: """
                        INSERT INTO task (name, title, kind, answer, labels, overlap, lease_seconds, gold_rate,
                                          guideline_version, created_at) VALUES ('p', 'P', 'image', 'boxes', '[]', 1, 60, 0, 1, 0)
                        """)
            }
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
            // Deleting a task still cascades to its items and annotations.
            try db.execute(sql: "DELETE FROM task WHERE id = 2")
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM item") == 1)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM annotation") == 1)
        }
    }

    /// A database made from scratch gets the same task table as one migrated through v4.
    @Test func aFreshInstallAllowsBoxes() throws {
        let queue = try DatabaseQueue()
        try AppDatabase.migrator.migrate(queue)
        let table = try queue.read { db in
            try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'task'")
        }
        #expect(table?.contains("CHECK (answer IN ('single', 'multiple', 'rating', 'spans', 'boxes'))") == true)
    }
}
