import Foundation
import GRDB

extension AppDatabase {
    /// Records an answer, exactly once per (item, annotator).
    ///
    /// Re-sending the same answer (double click, retried request) returns the stored annotation;
    /// a different answer for an item already answered is a conflict. Without a live lease the
    /// answer is accepted only while the item is still below its overlap.
    public func submitAnnotation(
        _ submission: AnnotationSubmission, in task: LabelingTask, by user: User, now: Date = Date()
    )
        async throws -> AnnotationView
    {
        try await batcher.write { db in
            try Self.requireAssigned(user, to: task, db)
            try Self.requireNotPaused(user, in: task, db)
            guard
                let item = try Row.fetchOne(
                    db.cachedStatement(
                        sql: """
                            SELECT id, gold, gold_reason, \(ItemBounds.columns) FROM item WHERE task_id = ? AND external_id = ?
                            """),
                    arguments: [task.id, submission.itemID])
            else { throw DomainError.notFound("no item \(submission.itemID) in \(task.name)") }
            let answer = try submission.answer.fitted(to: ItemBounds(row: item))
            let itemID: Int64 = item["id"]
            if let requestID = submission.requestID,
                let earlier = try Row.fetchOne(
                    db.cachedStatement(sql: "SELECT * FROM annotation WHERE user_id = ? AND request_id = ?"),
                    arguments: [user.id, requestID])
            {
                guard earlier["item_id"] as Int64 == itemID else {
                    throw DomainError.conflict("request_id \(requestID) was already used for another item")
                }
                return Self.withFeedback(
                    Self.view(earlier, item: submission.itemID, annotator: user.name, created: false), item: item, in: task)
            }
            if let existing = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM annotation WHERE item_id = ? AND user_id = ?"),
                arguments: [itemID, user.id])
            {
                guard Answer(storedJSON: existing["label"]) == answer else {
                    throw DomainError.conflict("you already answered item \(submission.itemID) with a different label")
                }
                return Self.withFeedback(
                    Self.view(existing, item: submission.itemID, annotator: user.name, created: false), item: item, in: task)
            }
            let current = try Self.currentQueueSettings(of: task, db)
            let lease = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM lease WHERE item_id = ? AND user_id = ?"), arguments: [itemID, user.id])
            let leaseLive = lease.map { ($0["expires_at"] as Double) > now.unix } ?? false
            var leasedAt: Double?
            var version = current.guidelineVersion
            if let lease {
                try db.cachedStatement(sql: "DELETE FROM lease WHERE item_id = ? AND user_id = ?").execute(arguments: [
                    itemID, user.id,
                ])
                if leaseLive {
                    leasedAt = lease["created_at"]
                    version = lease["guideline_version"]
                } else {
                    try Self.changeAssigned(itemID: itemID, by: -1, overlap: current.overlap, db)
                }
            }
            if !leaseLive {
                let places = try Row.fetchOne(
                    db.cachedStatement(sql: "SELECT assigned, coalesce(needed, ?) FROM item WHERE id = ?"),
                    arguments: [current.overlap, itemID])
                let (assigned, needed): (Int, Int) = (places?[0] ?? 0, places?[1] ?? current.overlap)
                let isGold = (item["gold"] as String?) != nil
                if !(isGold && current.goldRate > 0) && assigned >= needed {
                    throw DomainError.conflict(
                        "item \(submission.itemID) already has \(needed) annotator(s); your lease expired or was never given")
                }
                try Self.changeAssigned(itemID: itemID, by: 1, overlap: current.overlap, db)
            }
            try db.cachedStatement(sql: "DELETE FROM skip WHERE item_id = ? AND user_id = ?").execute(arguments: [
                itemID, user.id,
            ])
            let seconds = submission.seconds.map { min(max($0, 0), 86_400) } ?? leasedAt.map { max(0, now.unix - $0) }
            try db.cachedStatement(
                sql: """
                    INSERT INTO annotation (task_id, item_id, user_id, label, guideline_version, seconds, request_id, source, leased_at, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, 'queue', ?, ?)
                    """
            ).execute(arguments: [
                task.id, itemID, user.id, answer.json, version, seconds, submission.requestID, leasedAt, now.unix,
            ])
            // Taken before settling, which may store a refitted consensus model (an insert of its own).
            let annotationID = db.lastInsertedRowID
            try Self.settleOverlap(ofItem: itemID, in: current, db)
            var stored = AnnotationView(
                id: annotationID, item: submission.itemID, annotator: user.name, answer: answer,
                guidelineVersion: version, seconds: seconds, createdAt: now, created: true)
            // Only a gold answer can change the annotator's gold accuracy, so only it is checked.
            if (item["gold"] as String?) != nil {
                stored.pause = try Self.checkTrust(of: user, in: task, now: now, db)
                stored.trusted = stored.pause == nil
            }
            return Self.withFeedback(stored, item: item, in: task)
        }
    }

    private static func view(_ row: Row, item: String, annotator: String, created: Bool) -> AnnotationView {
        AnnotationView(
            id: row["id"], item: item, annotator: annotator, answer: Answer(storedJSON: row["label"]),
            guidelineVersion: row["guideline_version"], seconds: row["seconds"],
            createdAt: Date(timeIntervalSince1970: row["created_at"]), created: created, trusted: row["trusted"] ?? true)
    }

    /// Every annotation of a task in item then annotator order, handed to `body` one at a time so a
    /// listing of millions of rows never sits in memory. Rows are read a page at a time, each page its
    /// own short read after the last (item, annotator) handed over, so a slow consumer holds no read
    /// transaction open; an annotation saved meanwhile shows if it sorts after that point.
    public func forEachAnnotation(
        of task: LabelingTask, pageSize: Int = 2000, _ body: (AnnotationView) async throws -> Void
    ) async throws {
        // Account names are never empty, so ("", "") sorts before every row. CROSS JOIN keeps SQLite
        // walking the task's items in external-id order through their index: a page costs its own rows, not the task's.
        var after = (item: "", annotator: "")
        while true {
            let page = try await writer.read { [after] db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT a.id, a.label, a.guideline_version, a.seconds, a.created_at, a.trusted, item.external_id, user.name
                        FROM item CROSS JOIN annotation a ON a.item_id = item.id JOIN user ON user.id = a.user_id
                        WHERE item.task_id = ? AND item.external_id >= ? AND (item.external_id > ? OR user.name > ?)
                        ORDER BY item.external_id, user.name LIMIT ?
                        """,
                    arguments: [task.id, after.item, after.item, after.annotator, pageSize]
                ).map { row in Self.view(row, item: row["external_id"], annotator: row["name"], created: false) }
            }
            for annotation in page { try await body(annotation) }
            guard page.count == pageSize, let last = page.last else { return }
            after = (last.item, last.annotator)
        }
    }
}
