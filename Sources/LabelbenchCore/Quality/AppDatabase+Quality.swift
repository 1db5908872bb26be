import Agreement
import Foundation
import GRDB

extension AppDatabase {
    /// Every annotation of a task in the statistics library's columnar shape, plus gold answers by item.
    public func statisticsInput(for task: LabelingTask) async throws -> StatisticsInput {
        try await writer.read { db in try Self.statisticsInput(for: task, db) }
    }

    /// Reads the annotations straight into columns (about 32 bytes an annotation) rather than
    /// records, so a report or an export of a large task stays small. `annotatorName` renames
    /// annotators on the way in (pseudonyms).
    static func statisticsInput(
        for task: LabelingTask, _ db: Database, annotatorName: (String) -> String = { $0 }
    ) throws -> StatisticsInput {
        var annotations = AnnotationColumns()
        annotations.reserveCapacity(
            try Int.fetchOne(db, sql: "SELECT count(*) FROM annotation WHERE task_id = ?", arguments: [task.id]) ?? 0)
        var names: [Int64: String] = [:]
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT item.external_id, a.user_id, a.label, a.seconds, a.guideline_version, a.created_at
                FROM annotation a JOIN item ON item.id = a.item_id
                WHERE a.task_id = ? ORDER BY a.id
                """, arguments: [task.id])
        let userName = try db.makeStatement(sql: "SELECT name FROM user WHERE id = ?")
        while let row = try rows.next() {
            let userID: Int64 = row[1]
            if names[userID] == nil { names[userID] = annotatorName(try String.fetchOne(userName, arguments: [userID]) ?? "") }
            annotations.append(
                item: row[0], annotator: names[userID]!, label: Answer(storedJSON: row[2]).labelValue,
                seconds: row[3], guidelineVersion: row[4], createdAt: Date(timeIntervalSince1970: row[5]))
        }
        var gold: [String: LabelValue] = [:]
        let golds = try Row.fetchCursor(
            db, sql: "SELECT external_id, gold FROM item WHERE task_id = ? AND gold IS NOT NULL", arguments: [task.id])
        while let row = try golds.next() { gold[row[0]] = Answer(storedJSON: row[1]).labelValue }
        return StatisticsInput(annotations: annotations, gold: gold)
    }

    /// The agreement and annotator-bias report of a task.
    public func agreementReport(for task: LabelingTask, level: MeasurementLevel = .nominal) async throws -> AgreementReport {
        let input = try await statisticsInput(for: task)
        return AgreementReport(input.annotations, options: task.agreementOptions(level: level, gold: input.gold))
    }
}

/// What the statistics of a task read: its annotations and the gold answers by item.
public struct StatisticsInput: Sendable {
    public var annotations: AnnotationColumns
    public var gold: [String: LabelValue]
}

extension LabelingTask {
    /// Options that make the statistics use this task's full label list and answer type.
    public func agreementOptions(level: MeasurementLevel = .nominal, gold: [String: LabelValue] = [:]) -> AgreementOptions {
        let kind: AnswerKind =
            switch answer {
            case .single: .single
            case .multiple: .multiple
            case .rating: .rating
            }
        return AgreementOptions(level: level, labels: labelNames, answer: kind, gold: gold)
    }
}

extension Answer {
    /// The statistics library's value: a string, or a list of strings for multiple choice.
    public var labelValue: LabelValue {
        switch self {
        case .one(let label): .string(label)
        case .many(let labels): .strings(labels)
        }
    }
}
