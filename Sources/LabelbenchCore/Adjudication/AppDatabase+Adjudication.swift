import Foundation
import GRDB

/// A practitioner's ruling on one item: the label that stands in exports, whatever the annotators gave.
public struct Adjudication: Sendable, Equatable {
    public var item: String
    public var answer: Answer
    public var note: String?
    /// The guideline version in force when the ruling was made.
    public var guidelineVersion: Int
    public var adjudicator: String
    public var createdAt: Date
}

/// What a practitioner weighs before ruling on an item: the item, its gold answer, every label given and the ruling so far.
public struct ItemReview: Sendable {
    public struct GivenLabel: Sendable, Equatable {
        public var annotator: String
        public var answer: Answer
        public var guidelineVersion: Int
        public var seconds: Double?
    }

    public var item: ItemView
    public var gold: Answer?
    public var labels: [GivenLabel]
    public var adjudication: Adjudication?
}

extension AppDatabase {
    public static let maxRulingNoteCharacters = 2000

    public func reviewItem(_ externalID: String, in task: LabelingTask) async throws -> ItemReview {
        try await writer.read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT id, external_id, text, image_sha256, image_type, image_width, image_height, meta, gold
                        FROM item WHERE task_id = ? AND external_id = ?
                        """, arguments: [task.id, externalID])
            else { throw Self.noItem(externalID, in: task) }
            let item = ItemView(row: row)
            let labels = try Row.fetchAll(
                db,
                sql: """
                    SELECT user.name, a.label, a.guideline_version, a.seconds FROM counted_annotation a
                    JOIN user ON user.id = a.user_id WHERE a.item_id = ? ORDER BY a.created_at, user.name
                    """, arguments: [item.rowID]
            ).map { row in
                ItemReview.GivenLabel(
                    annotator: row[0], answer: Answer(storedJSON: row[1]), guidelineVersion: row[2], seconds: row[3])
            }
            return ItemReview(
                item: item, gold: (row["gold"] as String?).map(Answer.init(storedJSON:)), labels: labels,
                adjudication: try Self.adjudication(ofItem: item.rowID, externalID: externalID, db))
        }
    }

    /// Records the ruling on an item, replacing an earlier one. `answer` must already fit the task
    /// (`Answer.parse`); the ruling is made under the guideline version in force now.
    @discardableResult
    public func adjudicate(
        _ externalID: String, in task: LabelingTask, answer: Answer, note: String?, by user: User
    ) async throws -> Adjudication {
        let note = note?.trimmingCharacters(in: .whitespacesAndNewlines)
        try StoredText.check(note, field: "note")
        if let note, note.count > Self.maxRulingNoteCharacters {
            throw DomainError.invalid("note: at most \(Self.maxRulingNoteCharacters) characters")
        }
        return try await writer.write { db in
            guard
                let item = try Row.fetchOne(
                    db, sql: "SELECT id, \(ItemBounds.columns) FROM item WHERE task_id = ? AND external_id = ?",
                    arguments: [task.id, externalID])
            else { throw Self.noItem(externalID, in: task) }
            let itemID: Int64 = item["id"]
            let answer = try answer.fitted(to: ItemBounds(row: item))
            let version =
                try Int.fetchOne(db, sql: "SELECT guideline_version FROM task WHERE id = ?", arguments: [task.id])
                ?? task.guidelineVersion
            try db.execute(
                sql: """
                    INSERT INTO adjudication (item_id, task_id, label, note, guideline_version, user_id, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (item_id) DO UPDATE SET label = excluded.label, note = excluded.note,
                      guideline_version = excluded.guideline_version, user_id = excluded.user_id, created_at = excluded.created_at
                    """,
                arguments: [itemID, task.id, answer.json, note?.isEmpty == false ? note : nil, version, user.id, Date().unix])
            guard let stored = try Self.adjudication(ofItem: itemID, externalID: externalID, db) else {
                throw DomainError.notFound("the ruling on \"\(externalID)\" was not stored")
            }
            return stored
        }
    }

    /// Withdraws the ruling on an item, so its label is the consensus again; false when it had none.
    @discardableResult
    public func removeAdjudication(_ externalID: String, in task: LabelingTask) async throws -> Bool {
        try await writer.write { db in
            guard
                let itemID = try Int64.fetchOne(
                    db, sql: "SELECT id FROM item WHERE task_id = ? AND external_id = ?", arguments: [task.id, externalID])
            else { throw Self.noItem(externalID, in: task) }
            try db.execute(sql: "DELETE FROM adjudication WHERE item_id = ?", arguments: [itemID])
            return db.changesCount > 0
        }
    }

    /// Sends items back to the queue to be labeled afresh under the guideline version in force
    /// (after a ruling changed what their label should be), all or none. Their annotations move to
    /// `superseded_annotation`, kept but no longer counted, scored or exported; their rulings are
    /// withdrawn and their skips forgotten, so `overlap` annotators, the earlier ones included, can
    /// label them again. Returns how many annotations were set aside.
    @discardableResult
    public func sendBackForRelabeling(_ externalIDs: [String], in task: LabelingTask, by user: User) async throws -> Int {
        try await writer.write { db in
            let overlap = try Self.currentQueueSettings(of: task, db).overlap
            var setAside = 0
            for externalID in externalIDs {
                setAside += try Self.sendBack(externalID, in: task, overlap: overlap, by: user, db)
            }
            return setAside
        }
    }

    private static func sendBack(
        _ externalID: String, in task: LabelingTask, overlap: Int, by user: User, _ db: Database
    ) throws -> Int {
        guard
            let itemID = try Int64.fetchOne(
                db, sql: "SELECT id FROM item WHERE task_id = ? AND external_id = ?", arguments: [task.id, externalID])
        else { throw Self.noItem(externalID, in: task) }
        try db.execute(
            sql: """
                INSERT INTO superseded_annotation
                  (annotation_id, task_id, item_id, user_id, label, guideline_version, seconds, source, created_at, superseded_at, superseded_by)
                SELECT id, task_id, item_id, user_id, label, guideline_version, seconds, source, created_at, ?, ?
                FROM annotation WHERE item_id = ?
                """,
            arguments: [Date().unix, user.id, itemID])
        let setAside = db.changesCount
        try db.execute(sql: "DELETE FROM annotation WHERE item_id = ?", arguments: [itemID])
        try db.execute(sql: "DELETE FROM skip WHERE item_id = ?", arguments: [itemID])
        try db.execute(sql: "DELETE FROM adjudication WHERE item_id = ?", arguments: [itemID])
        // Only live leases still hold places on the item now; without judgments it needs the task's
        // overlap (`min` under adaptive overlap) again.
        try db.execute(
            sql: """
                UPDATE item SET assigned = (SELECT count(*) FROM lease WHERE lease.item_id = item.id), needed = NULL,
                  full = CASE WHEN gold IS NULL AND (SELECT count(*) FROM lease WHERE lease.item_id = item.id) >= ? THEN 1 ELSE 0 END
                WHERE id = ?
                """,
            arguments: [overlap, itemID])
        return setAside
    }

    /// Every ruling of the task, in item order.
    public func adjudications(in task: LabelingTask) async throws -> [Adjudication] {
        try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT item.external_id, r.label, r.note, r.guideline_version, user.name, r.created_at
                    FROM adjudication r JOIN item ON item.id = r.item_id JOIN user ON user.id = r.user_id
                    WHERE r.task_id = ? ORDER BY item.external_id
                    """, arguments: [task.id]
            ).map(Self.adjudication(row:))
        }
    }

    private static func adjudication(ofItem itemID: Int64, externalID: String, _ db: Database) throws -> Adjudication? {
        try Row.fetchOne(
            db,
            sql: """
                SELECT ? AS external_id, r.label, r.note, r.guideline_version, user.name, r.created_at
                FROM adjudication r JOIN user ON user.id = r.user_id WHERE r.item_id = ?
                """, arguments: [externalID, itemID]
        ).map(adjudication(row:))
    }

    private static func adjudication(row: Row) -> Adjudication {
        Adjudication(
            item: row[0], answer: Answer(storedJSON: row[1]), note: row[2], guidelineVersion: row[3], adjudicator: row[4],
            createdAt: Date(timeIntervalSince1970: row[5]))
    }

    static func noItem(_ externalID: String, in task: LabelingTask) -> DomainError {
        DomainError.notFound("no item \"\(externalID)\" in \(task.name)")
    }
}
