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
    public func importAnnotations(_ data: Data, fileName: String, into task: LabelingTask) async throws -> AnnotationImportReport {
        struct Line: Sendable { var origin: String; var item: String; var annotator: String; var answer: Answer; var seconds: Double?; var version: Int? }
        var lines: [Line] = []
        var number = 0
        for raw in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
            number += 1
            let origin = "\(fileName) line \(number)"
            if raw.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            guard let object = try? JSONSerialization.jsonObject(with: Data(raw)) as? [String: Any] else {
                throw DomainError.invalid("\(origin): not a JSON object")
            }
            guard let item = object["item"] as? String ?? (object["item"] as? NSNumber).map({ "\($0.int64Value)" }) else {
                throw DomainError.invalid("\(origin): needs \"item\"")
            }
            guard let annotator = object["annotator"] as? String, !annotator.isEmpty else {
                throw DomainError.invalid("\(origin): needs \"annotator\"")
            }
            let answer: Answer
            do { answer = try Answer.parse(object["label"], for: task) } catch let error as DomainError {
                throw DomainError.invalid("\(origin): \(error)")
            }
            let seconds = (object["seconds"] as? NSNumber)?.doubleValue
            let version = (object["guideline_version"] as? NSNumber)?.intValue
            if let seconds, !(seconds.isFinite && seconds >= 0) { throw DomainError.invalid("\(origin): \"seconds\" must be ≥ 0") }
            lines.append(Line(origin: origin, item: item, annotator: annotator, answer: answer, seconds: seconds, version: version))
        }
        if lines.isEmpty { throw DomainError.invalid("\(fileName): no annotations found") }
        let now = Date().unix
        let parsed = lines
        return try await writer.write { db in
            var report = AnnotationImportReport(imported: 0, unchanged: 0, newAnnotators: [])
            let current = try LabelingTask.fetchOne(db, key: task.id) ?? task
            var userIDs: [String: Int64] = [:]
            for line in parsed {
                guard let itemID = try Int64.fetchOne(
                    db, sql: "SELECT id FROM item WHERE task_id = ? AND external_id = ?", arguments: [task.id, line.item]) else {
                    throw DomainError.invalid("\(line.origin): no item \"\(line.item)\" in \(task.name)")
                }
                var userID = userIDs[line.annotator]
                if userID == nil {
                    if let user = try User.filter(Column("name") == line.annotator).fetchOne(db) {
                        userID = user.id
                    } else {
                        guard line.annotator.range(of: #"^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$"#, options: .regularExpression) != nil else {
                            throw DomainError.invalid("\(line.origin): annotator name \"\(line.annotator)\" is not a valid account name")
                        }
                        var user = User(id: nil, name: line.annotator, role: .annotator, passwordHash: nil, createdAt: Date())
                        try user.insert(db)
                        userID = user.id
                        report.newAnnotators.append(line.annotator)
                    }
                    try db.execute(sql: "INSERT OR IGNORE INTO task_annotator (task_id, user_id) VALUES (?, ?)",
                                   arguments: [task.id, userID])
                    userIDs[line.annotator] = userID
                }
                if let stored = try String.fetchOne(
                    db, sql: "SELECT label FROM annotation WHERE item_id = ? AND user_id = ?", arguments: [itemID, userID]) {
                    guard Answer(storedJSON: stored) == line.answer else {
                        throw DomainError.conflict("\(line.origin): \(line.annotator) already has a different label for \(line.item)")
                    }
                    report.unchanged += 1
                    continue
                }
                try db.execute(sql: """
                    INSERT INTO annotation (task_id, item_id, user_id, label, guideline_version, seconds, source, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, 'import', ?)
                    """, arguments: [task.id, itemID, userID, line.answer.json, line.version ?? current.guidelineVersion, line.seconds, now])
                try Self.changeAssigned(itemID: itemID, by: 1, overlap: current.overlap, db)
                report.imported += 1
            }
            return report
        }
    }
}
