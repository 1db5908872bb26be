import Foundation
import GRDB

/// What `import-annotations` did.
public struct AnnotationImportReport: Codable, Sendable, Equatable {
    public var imported: Int
    /// Lines identical to annotations already stored.
    public var unchanged: Int
    /// Annotator names that had no account; each got a sign-in-less annotator account.
    public var newAnnotators: [String]
}

extension AppDatabase {
    /// Imports annotation JSONL made elsewhere, atomically: any bad line fails the whole file.
    public func importAnnotations(_ data: Data, fileName: String, into task: LabelingTask) async throws -> AnnotationImportReport
    {
        var reader = AnnotationLineReader(fileName: fileName, task: task)
        try reader.append(data)
        return try await importAnnotations(reader.finish(), into: task)
    }

    /// Stores annotation lines already read by `AnnotationLineReader`, atomically.
    public func importAnnotations(_ lines: [ImportedAnnotation], into task: LabelingTask) async throws -> AnnotationImportReport {
        let now = Date().unix
        return try await writer.write { db in
            var report = AnnotationImportReport(imported: 0, unchanged: 0, newAnnotators: [])
            let current = try LabelingTask.fetchOne(db, key: task.id) ?? task
            var userIDs: [String: Int64] = [:]
            for line in lines {
                guard
                    let item = try Row.fetchOne(
                        db, sql: "SELECT id, \(ItemBounds.columns) FROM item WHERE task_id = ? AND external_id = ?",
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
                var userID = userIDs[line.annotator]
                if userID == nil {
                    if let user = try User.filter(Column("name") == line.annotator).fetchOne(db) {
                        userID = user.id
                    } else {
                        guard line.annotator.range(of: #"^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$"#, options: .regularExpression) != nil
                        else {
                            throw DomainError.invalid(
                                "\(line.origin): annotator name \"\(line.annotator)\" is not a valid account name")
                        }
                        var user = User(id: nil, name: line.annotator, role: .annotator, passwordHash: nil, createdAt: Date())
                        try user.insert(db)
                        userID = user.id
                        report.newAnnotators.append(line.annotator)
                    }
                    try db.execute(
                        sql: "INSERT OR IGNORE INTO task_annotator (task_id, user_id) VALUES (?, ?)",
                        arguments: [task.id, userID])
                    userIDs[line.annotator] = userID
                }
                if let stored = try String.fetchOne(
                    db, sql: "SELECT label FROM annotation WHERE item_id = ? AND user_id = ?", arguments: [itemID, userID])
                {
                    guard Answer(storedJSON: stored) == answer else {
                        throw DomainError.conflict(
                            "\(line.origin): \(line.annotator) already has a different label for \(line.item)")
                    }
                    report.unchanged += 1
                    continue
                }
                // Work imported for an annotator paused on the task is kept untrusted, as their own would be.
                try db.execute(
                    sql: """
                        INSERT INTO annotation (task_id, item_id, user_id, label, guideline_version, seconds, source, created_at, trusted)
                        VALUES (?, ?, ?, ?, ?, ?, 'import', ?, NOT EXISTS (
                          SELECT 1 FROM annotator_trust t WHERE t.task_id = ? AND t.user_id = ? AND t.paused_at IS NOT NULL))
                        """,
                    arguments: [
                        task.id, itemID, userID, answer.json, line.guidelineVersion ?? current.guidelineVersion,
                        line.seconds, now, task.id, userID,
                    ])
                try Self.changeAssigned(itemID: itemID, by: 1, overlap: current.overlap, db)
                try Self.settleOverlap(ofItem: itemID, in: current, db)
                report.imported += 1
            }
            return report
        }
    }
}
