import GRDB
import Testing

@testable import LabelbenchCore

/// `v4-span-answers` and `v5-box-answers` widen the task table's `answer` CHECK by rebuilding the table.
/// Shipped migrations must keep doing exactly what they did: on a database made before them, they run
/// the statements they ran when they shipped and leave the task table's statement they left.
@Suite struct TaskRebuildMigrationTests {
    @Test func theRebuildsRunTheStatementsTheyShippedWith() throws {
        let queue = try DatabaseQueue()
        try AppDatabase.migrator.migrate(queue, upTo: "v3-queue-revisions-and-archive")
        let statements = Statements()
        queue.inDatabase { db in
            db.trace(options: .statement) { event in
                if case .statement(let statement) = event { statements.append(statement.sql) }
            }
        }
        try AppDatabase.migrator.migrate(queue, upTo: "v5-box-answers")
        // GRDB's own bookkeeping (transactions, the migrations table, foreign key checks) is not the migrations'.
        let run = statements.all.filter { sql in
            !["BEGIN", "COMMIT", "PRAGMA", "SAVEPOINT", "RELEASE"].contains { sql.hasPrefix($0) }
                && !sql.contains("grdb_migrations")
        }
        #expect(run == Self.shipped)
        let table = try queue.read { db in
            try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE tbl_name = 'task' AND sql IS NOT NULL")
        }
        #expect(table == [Self.taskAfterV5])
    }

    /// What the two migrations ran as shipped (recorded from the code of 870a449, before they shared a helper).
    static let shipped: [String] = [
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'task'",
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'task' AND sql IS NOT NULL",
        "CREATE TABLE task_widened " + columns(answers: "'single', 'multiple', 'rating', 'spans'"),
        "INSERT INTO task_widened SELECT * FROM task", "DROP TABLE task", "ALTER TABLE task_widened RENAME TO task",
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'task'",
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'task' AND sql IS NOT NULL",
        "CREATE TABLE task_widened " + columns(answers: "'single', 'multiple', 'rating', 'spans', 'boxes'"),
        "INSERT INTO task_widened SELECT * FROM task", "DROP TABLE task", "ALTER TABLE task_widened RENAME TO task",
    ]

    /// The task table's statement after `v5-box-answers`, as shipped: the rename quotes the name.
    static let taskAfterV5 = "CREATE TABLE \"task\" " + columns(answers: "'single', 'multiple', 'rating', 'spans', 'boxes'")

    /// The task table's columns as v1 wrote them, with v3's `archived_at` and the given `answer` CHECK.
    static func columns(answers: String) -> String {
        """
        (
          id INTEGER PRIMARY KEY,
          name TEXT NOT NULL UNIQUE,
          title TEXT NOT NULL,
          kind TEXT NOT NULL CHECK (kind IN ('text', 'image')),
          answer TEXT NOT NULL CHECK (answer IN (\(answers))),
          labels TEXT NOT NULL,
          overlap INTEGER NOT NULL CHECK (overlap BETWEEN 1 AND 50),
          lease_seconds INTEGER NOT NULL CHECK (lease_seconds BETWEEN 1 AND 86400),
          gold_rate REAL NOT NULL CHECK (gold_rate BETWEEN 0 AND 1),
          guideline_version INTEGER NOT NULL,
          created_at REAL NOT NULL,
          created_by INTEGER REFERENCES user(id)
        , archived_at REAL)
        """
    }
}

/// The statements a trace saw, gathered from GRDB's trace callback.
private final class Statements: @unchecked Sendable {
    private(set) var all: [String] = []
    func append(_ sql: String) { all.append(sql) }
}
