import Foundation
import GRDB

extension AppDatabase {
    /// The longest flag note, in Unicode scalars (SQLite's `length` counts those, so the table's CHECK agrees).
    public static let maxFlagNoteScalars = 2000

    /// Flags an item of a task the annotator is assigned to, with or without an answer. While the
    /// annotator's earlier flag on the item is open, flagging again amends its reason and note
    /// (`created` false), so a form sent twice leaves one flag; after it is resolved, a new flag opens.
    /// Anyone not assigned to the task, or an item not in it, is "not found" and nothing is stored.
    public func flagItem(
        _ externalID: String, in task: LabelingTask, reason: ItemFlag.Reason, note: String?, by user: User,
        now: Date = Date()
    ) async throws -> FlagOutcome {
        let note = try Self.checkedFlagNote(note)
        return try await writer.write { db in
            try Self.requireAssigned(user, to: task, db)
            guard
                let itemID = try Int64.fetchOne(
                    db, sql: "SELECT id FROM item WHERE task_id = ? AND external_id = ?", arguments: [task.id, externalID])
            else { throw Self.noItem(externalID, in: task) }
            if let open = try Int64.fetchOne(
                db, sql: "SELECT id FROM flag WHERE item_id = ? AND user_id = ? AND resolution IS NULL",
                arguments: [itemID, user.id])
            {
                try db.execute(
                    sql: "UPDATE flag SET reason = ?, note = ? WHERE id = ?", arguments: [reason.rawValue, note, open])
                return FlagOutcome(flag: try Self.storedFlag(open, of: task, db), created: false)
            }
            try db.execute(
                sql: "INSERT INTO flag (task_id, item_id, user_id, reason, note, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [task.id, itemID, user.id, reason.rawValue, note, now.unix])
            return FlagOutcome(flag: try Self.storedFlag(db.lastInsertedRowID, of: task, db), created: true)
        }
    }

    /// The task's flags, oldest first; `item` keeps one item's. `limit` bounds the list (the pages show
    /// the first ones and say how many there are with `flagCount`).
    public func flags(
        in task: LabelingTask, state: FlagState = .open, item: String? = nil, limit: Int? = nil
    ) async throws -> [ItemFlag] {
        try await writer.read { db in
            var sql = Self.flagSelect + " WHERE f.task_id = ?"
            var arguments: StatementArguments = [task.id]
            switch state {
            case .open: sql += " AND f.resolution IS NULL"
            case .resolved: sql += " AND f.resolution IS NOT NULL"
            case .all: break
            }
            if let item {
                sql += " AND item.external_id = ?"
                arguments += [item]
            }
            sql += " ORDER BY f.id"
            if let limit {
                sql += " LIMIT ?"
                arguments += [limit]
            }
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.flag(row:))
        }
    }

    /// How many open flags the task has.
    public func openFlagCount(in task: LabelingTask) async throws -> Int {
        try await writer.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM flag WHERE task_id = ? AND resolution IS NULL", arguments: [task.id])
                ?? 0
        }
    }

    /// One flag of the task, or nil when the task has no such flag.
    public func flag(_ id: Int64, in task: LabelingTask) async throws -> ItemFlag? {
        try await writer.read { db in try Self.flag(id, taskID: task.taskID, db) }
    }

    /// The user's open flag on an item of the task (the queue shows it beside the item), if any.
    public func openFlag(on externalID: String, in task: LabelingTask, by user: User) async throws -> ItemFlag? {
        try await writer.read { db in
            try Row.fetchOne(
                db,
                sql: Self.flagSelect
                    + " WHERE f.task_id = ? AND item.external_id = ? AND f.user_id = ? AND f.resolution IS NULL",
                arguments: [task.id, externalID, user.id]
            ).map(Self.flag(row:))
        }
    }

    /// Resolves an open flag, recording who resolved it, when and how. Resolving it again the same way
    /// changes nothing (`changed` false: a form sent twice); another way is a conflict naming the first.
    public func resolveFlag(
        _ id: Int64, in task: LabelingTask, as resolution: ItemFlag.Resolution, by user: User, now: Date = Date()
    ) async throws -> (flag: ItemFlag, changed: Bool) {
        try await writer.write { db in
            let flag = try Self.storedFlag(id, of: task, db)
            if let done = flag.resolution {
                guard done == resolution else {
                    throw DomainError.conflict(
                        "flag \(id) was already resolved as \(done.rawValue) by \(flag.resolvedBy ?? "someone")")
                }
                return (flag, false)
            }
            try db.execute(
                sql: "UPDATE flag SET resolution = ?, resolved_by = ?, resolved_at = ? WHERE id = ?",
                arguments: [resolution.rawValue, user.id, now.unix, id])
            return (try Self.storedFlag(id, of: task, db), true)
        }
    }

    /// Inside the save of a new guideline version: resolves the open flag `id` of the task as
    /// `guideline` when one of the guidelines the save added names the flag's item as an example.
    /// A flag resolved meanwhile, or a save that added no such guideline, leaves the flag as it is.
    static func resolveFlag(
        _ id: Int64, of task: LabelingTask, byAdding added: [Guideline], version: Int, by user: User, _ db: Database
    ) throws {
        guard let flag = try flag(id, taskID: task.taskID, db), flag.isOpen,
            added.contains(where: { $0.examples.contains(flag.item) })
        else { return }
        try db.execute(
            sql: """
                UPDATE flag SET resolution = 'guideline', resolved_by = ?, resolved_at = ?, guideline_version = ? WHERE id = ?
                """,
            arguments: [user.id, Date().unix, version, id])
    }

    /// The note as stored: trimmed, empty as none; NUL characters and notes over the limit are refused.
    static func checkedFlagNote(_ note: String?) throws -> String? {
        guard let note = note?.trimmingCharacters(in: .whitespacesAndNewlines), !note.isEmpty else { return nil }
        try StoredText.check(note, field: "note")
        if note.unicodeScalars.count > maxFlagNoteScalars {
            throw DomainError.invalid("note: at most \(maxFlagNoteScalars) characters")
        }
        return note
    }

    private static let flagSelect = """
        SELECT f.id, item.external_id, f.reason, f.note, flagger.name, f.created_at, f.resolution, resolver.name,
          f.resolved_at, f.guideline_version
        FROM flag f JOIN item ON item.id = f.item_id JOIN user flagger ON flagger.id = f.user_id
        LEFT JOIN user resolver ON resolver.id = f.resolved_by
        """

    private static func storedFlag(_ id: Int64, of task: LabelingTask, _ db: Database) throws -> ItemFlag {
        guard let flag = try flag(id, taskID: task.taskID, db) else {
            throw DomainError.notFound("no flag \(id) in \(task.name)")
        }
        return flag
    }

    private static func flag(_ id: Int64, taskID: Int64, _ db: Database) throws -> ItemFlag? {
        try Row.fetchOne(db, sql: flagSelect + " WHERE f.id = ? AND f.task_id = ?", arguments: [id, taskID]).map(flag(row:))
    }

    private static func flag(row: Row) -> ItemFlag {
        // The table's CHECKs hold reason and resolution to these values.
        ItemFlag(
            id: row[0], item: row[1], reason: ItemFlag.Reason(rawValue: row[2]) ?? .notCovered, note: row[3], flaggedBy: row[4],
            createdAt: Date(timeIntervalSince1970: row[5]),
            resolution: (row[6] as String?).flatMap { ItemFlag.Resolution(rawValue: $0) },
            resolvedBy: row[7], resolvedAt: (row[8] as Double?).map(Date.init(timeIntervalSince1970:)), guidelineVersion: row[9])
    }
}
