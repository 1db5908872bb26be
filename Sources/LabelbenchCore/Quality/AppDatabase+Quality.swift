import Agreement
import Foundation
import GRDB

extension AppDatabase {
    /// Every annotation of a task in the statistics library's shape, plus gold answers by item.
    public func statisticsInput(for task: LabelingTask) async throws -> (records: [AnnotationRecord], gold: [String: LabelValue]) {
        try await writer.read { db in try Self.statisticsInput(for: task, db) }
    }

    static func statisticsInput(for task: LabelingTask, _ db: Database) throws -> (records: [AnnotationRecord], gold: [String: LabelValue]) {
        var records: [AnnotationRecord] = []
        let rows = try Row.fetchCursor(db, sql: """
            SELECT item.external_id, user.name, a.label, a.seconds, a.guideline_version, a.created_at
            FROM annotation a JOIN item ON item.id = a.item_id JOIN user ON user.id = a.user_id
            WHERE a.task_id = ? ORDER BY a.id
            """, arguments: [task.id])
        while let row = try rows.next() {
            records.append(AnnotationRecord(
                item: row[0], annotator: row[1], label: Answer(storedJSON: row[2]).labelValue,
                seconds: row[3], guidelineVersion: row[4], createdAt: Date(timeIntervalSince1970: row[5])))
        }
        var gold: [String: LabelValue] = [:]
        let golds = try Row.fetchCursor(
            db, sql: "SELECT external_id, gold FROM item WHERE task_id = ? AND gold IS NOT NULL", arguments: [task.id])
        while let row = try golds.next() { gold[row[0]] = Answer(storedJSON: row[1]).labelValue }
        return (records, gold)
    }

    /// The agreement and annotator-bias report of a task.
    public func agreementReport(for task: LabelingTask, level: MeasurementLevel = .nominal) async throws -> AgreementReport {
        let input = try await statisticsInput(for: task)
        return AgreementReport(input.records, options: task.agreementOptions(level: level, gold: input.gold))
    }
}

extension LabelingTask {
    /// Options that make the statistics use this task's full label list and answer type.
    public func agreementOptions(level: MeasurementLevel = .nominal, gold: [String: LabelValue] = [:]) -> AgreementOptions {
        let kind: AnswerKind = switch answer {
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
