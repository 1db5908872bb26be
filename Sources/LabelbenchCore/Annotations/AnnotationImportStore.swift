import Foundation
import GRDB

/// Stores imported annotation lines inside a write transaction someone else opened, so that
/// `import-annotations` and `import-from` (which also adds the items) share one set of rules:
/// the item must exist, the answer must fit it, unknown annotators get sign-in-less accounts,
/// and a line equal to a stored annotation is counted as unchanged while a different one is refused.
struct AnnotationImportStore {
    private let task: LabelingTask
    /// The task as it stands inside the transaction (overlap and guideline version may have moved).
    private let current: LabelingTask
    private let now: Double
    private var userIDs: [String: Int64] = [:]
    private(set) var report = AnnotationImportReport(imported: 0, unchanged: 0, newAnnotators: [])

    init(task: LabelingTask, now: Double, _ db: Database) throws {
        self.task = task
        self.current = try LabelingTask.fetchOne(db, key: task.id) ?? task
        self.now = now
    }

    /// Stores one line, or counts it as unchanged; throws naming the line's origin.
    mutating func store(_ line: ImportedAnnotation, _ db: Database) throws {
        guard
            let item = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT id, \(ItemBounds.columns) FROM item WHERE task_id = ? AND external_id = ?"),
                arguments: [task.id, line.item])
        else {
            throw DomainError.invalid("\(line.origin): no item \"\(line.item)\" in \(task.name)")
        }
        let itemID: Int64 = item["id"]
        let answer: Answer
        do {
            answer = try line.answer.fitted(to: ItemBounds(row: item))
        } catch let error as DomainError {
            throw DomainError.invalid("\(line.origin): \(error.description)")
        }
        let userID = try annotatorID(line, db)
        if let stored = try String.fetchOne(
            db.cachedStatement(sql: "SELECT label FROM annotation WHERE item_id = ? AND user_id = ?"),
            arguments: [itemID, userID])
        {
            guard Answer(storedJSON: stored) == answer else {
                throw DomainError.conflict("\(line.origin): \(line.annotator) already has a different label for \(line.item)")
            }
            report.unchanged += 1
            return
        }
        // Work imported for an annotator paused on the task is kept untrusted, as their own would be.
        try db.cachedStatement(
            sql: """
                INSERT INTO annotation (task_id, item_id, user_id, label, guideline_version, seconds, source, created_at, trusted)
                VALUES (?, ?, ?, ?, ?, ?, 'import', ?, NOT EXISTS (
                  SELECT 1 FROM annotator_trust t WHERE t.task_id = ? AND t.user_id = ? AND t.paused_at IS NOT NULL))
                """
        ).execute(
            arguments: [
                task.id, itemID, userID, answer.json, line.guidelineVersion ?? current.guidelineVersion,
                line.seconds, now, task.id, userID,
            ])
        try AppDatabase.changeAssigned(itemID: itemID, by: 1, overlap: current.overlap, db)
        try AppDatabase.settleOverlap(ofItem: itemID, in: current, db)
        report.imported += 1
    }

    /// The annotator's account, made (and assigned to the task) the first time a name is seen.
    private mutating func annotatorID(_ line: ImportedAnnotation, _ db: Database) throws -> Int64 {
        if let known = userIDs[line.annotator] { return known }
        let userID: Int64
        if let user = try User.filter(Column("name") == line.annotator).fetchOne(db), let id = user.id {
            userID = id
        } else {
            guard line.annotator.range(of: #"^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$"#, options: .regularExpression) != nil else {
                throw DomainError.invalid("\(line.origin): annotator name \"\(line.annotator)\" is not a valid account name")
            }
            var user = User(id: nil, name: line.annotator, role: .annotator, passwordHash: nil, createdAt: Date())
            try user.insert(db)
            userID = user.id ?? 0
            report.newAnnotators.append(line.annotator)
        }
        try db.execute(
            sql: "INSERT OR IGNORE INTO task_annotator (task_id, user_id) VALUES (?, ?)", arguments: [task.id, userID])
        userIDs[line.annotator] = userID
        return userID
    }
}
