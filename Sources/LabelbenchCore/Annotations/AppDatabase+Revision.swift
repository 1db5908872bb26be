import Foundation
import GRDB

/// One of the annotator's own recent answers, open to revision on the queue's "previous" page.
public struct RevisableAnswer: Sendable, Hashable {
    public var item: ItemView
    public var answer: Answer
    public var guidelineVersion: Int
    /// Until when the answer may still be changed.
    public var revisableUntil: Date
    /// The annotator's answer before this one that can still be revised, if any.
    public var earlierItemID: String?
}

extension AppDatabase {
    /// How many of an annotator's latest answers the queue lets them go back to.
    public static let revisableAnswers = 10

    /// The annotator's answer to `itemID` (their latest when nil) if they may still revise it:
    /// among their last `revisableAnswers` answers in the task, given within the task's lease
    /// time, and not yet ruled on by a reviewer.
    public func revisableAnswer(
        in task: LabelingTask, by user: User, itemID: String?, now: Date = Date()
    ) async throws
        -> RevisableAnswer?
    {
        try await writer.read { db in
            let recent = try Self.revisableRows(in: task, by: user, now: now, db)
            guard
                let index = itemID.map({ id in recent.firstIndex { ($0["external_id"] as String) == id } })
                    ?? (recent.isEmpty ? nil : 0)
            else { return nil }
            let row = recent[index]
            return RevisableAnswer(
                item: ItemView(row: row), answer: Answer(storedJSON: row["label"]), guidelineVersion: row["guideline_version"],
                revisableUntil: Date(timeIntervalSince1970: (row["answered_at"] as Double) + Double(task.leaseSeconds)),
                earlierItemID: index + 1 < recent.count ? recent[index + 1]["external_id"] : nil)
        }
    }

    /// Replaces the annotator's own answer to an item with `answer`, keeping the earlier label in
    /// `annotation_revision`. Sending the answer it already has changes nothing (a retried
    /// request is harmless). Refused once the answer is out of reach (see `revisableAnswer`).
    @discardableResult
    public func reviseAnnotation(
        itemID: String, answer: Answer, in task: LabelingTask, by user: User, now: Date = Date()
    ) async throws
        -> AnnotationView
    {
        try await writer.write { db in
            let recent = try Self.revisableRows(in: task, by: user, now: now, db)
            guard let row = recent.first(where: { ($0["external_id"] as String) == itemID }) else {
                throw DomainError.conflict(
                    "item \(itemID) can no longer be changed: only your last \(Self.revisableAnswers) answers, "
                        + "within \(task.leaseSeconds / 60) minutes and before a review, can be revised")
            }
            let annotationID: Int64 = row["annotation_id"]
            let answer = try answer.fitted(to: ItemBounds(row: row))
            let stored = Answer(storedJSON: row["label"])
            if stored != answer {
                try db.execute(
                    sql: """
                        INSERT INTO annotation_revision (annotation_id, task_id, user_id, previous_label, label, revised_at)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """, arguments: [annotationID, task.id, user.id, stored.json, answer.json, now.unix])
                try db.execute(sql: "UPDATE annotation SET label = ? WHERE id = ?", arguments: [answer.json, annotationID])
                // A changed answer changes the item's consensus: under adaptive overlap it may need more, or fewer.
                try Self.settleOverlap(ofItem: row["id"], in: Self.currentQueueSettings(of: task, db), db)
            }
            return AnnotationView(
                id: annotationID, item: itemID, annotator: user.name, answer: answer, guidelineVersion: row["guideline_version"],
                seconds: row["seconds"], createdAt: Date(timeIntervalSince1970: row["answered_at"]), created: false)
        }
    }

    /// The annotator's revisable answers in the task, newest first, each with its item.
    private static func revisableRows(in task: LabelingTask, by user: User, now: Date, _ db: Database) throws -> [Row] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT item.*, a.id AS annotation_id, a.label, a.guideline_version, a.seconds, a.created_at AS answered_at
                FROM annotation a INDEXED BY annotation_user JOIN item ON item.id = a.item_id
                WHERE a.user_id = :user AND a.task_id = :task AND a.source = 'queue'
                  AND a.created_at >= :since
                  AND NOT EXISTS (SELECT 1 FROM adjudication WHERE adjudication.item_id = a.item_id)
                ORDER BY a.created_at DESC, a.id DESC LIMIT :limit
                """,
            arguments: [
                "user": user.id, "task": task.id, "since": now.unix - Double(task.leaseSeconds), "limit": revisableAnswers,
            ])
    }
}
