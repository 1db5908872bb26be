import GRDB

extension AppDatabase {
    /// Widens the task table's `answer` CHECK from `check` to `widened` (`v4-span-answers`,
    /// `v5-box-answers`). SQLite cannot change a CHECK in place, so the table is made again from its own
    /// stored statement (keeping every column added since v1), its rows copied over, the old table
    /// dropped and the new one renamed, and its indexes made again; foreign keys are off while a
    /// migration runs. The columns are taken from the statement's first parenthesis: v1 stored
    /// `CREATE TABLE task (…`, the rename stores `CREATE TABLE "task" (…`. `madeBy` names the migration
    /// that left the table this one expects.
    ///
    /// Both migrations ran these statements before they shared this helper, and must keep doing so
    /// (`TaskRebuildMigrationTests`).
    static func widenTaskAnswers(
        _ db: Database, from check: String, to widened: String, migration: String, madeBy: String
    ) throws {
        guard
            let table = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'task'"),
            let columns = table.firstIndex(of: "("), table.contains(check)
        else { throw DatabaseError(message: "\(migration): the task table is not as \(madeBy) made it") }
        let indexes = try String.fetchAll(
            db, sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'task' AND sql IS NOT NULL")
        try db.execute(sql: "CREATE TABLE task_widened " + table[columns...].replacingOccurrences(of: check, with: widened))
        try db.execute(
            sql: """
                INSERT INTO task_widened SELECT * FROM task;
                DROP TABLE task;
                ALTER TABLE task_widened RENAME TO task;
                """)
        for index in indexes { try db.execute(sql: index) }
    }
}
