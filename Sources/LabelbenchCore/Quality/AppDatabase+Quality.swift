import Agreement
import Foundation
import GRDB

extension AppDatabase {
    /// Every annotation of a task in the statistics library's columnar shape, plus gold answers by item.
    public func statisticsInput(for task: LabelingTask) async throws -> StatisticsInput {
        try await writer.read { db in try Self.statisticsInput(for: task, db) }
    }

    /// Reads the counted annotations (untrusted ones are left out: see `counted_annotation`) straight into columns (about 32 bytes an annotation) rather than
    /// records, so a report or an export of a large task stays small. `annotatorName` renames
    /// annotators on the way in (pseudonyms).
    static func statisticsInput(
        for task: LabelingTask, _ db: Database, annotatorName: (String) -> String = { $0 }
    ) throws -> StatisticsInput {
        var annotations = AnnotationColumns()
        annotations.reserveCapacity(
            try Int.fetchOne(db, sql: "SELECT count(*) FROM counted_annotation WHERE task_id = ?", arguments: [task.id]) ?? 0)
        var names: [Int64: String] = [:]
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT item.external_id, a.user_id, a.label, a.seconds, a.guideline_version, a.created_at
                FROM counted_annotation a JOIN item ON item.id = a.item_id
                WHERE a.task_id = ? ORDER BY a.id
                """, arguments: [task.id])
        let userName = try db.makeStatement(sql: "SELECT name FROM user WHERE id = ?")
        while let row = try rows.next() {
            let userID: Int64 = row[1]
            if names[userID] == nil { names[userID] = annotatorName(try String.fetchOne(userName, arguments: [userID]) ?? "") }
            annotations.append(
                item: row[0], annotator: names[userID]!, label: Answer(storedJSON: row[2]).labelValue(in: task),
                seconds: row[3], guidelineVersion: row[4], createdAt: Date(timeIntervalSince1970: row[5]))
        }
        return StatisticsInput(annotations: annotations, gold: try gold(of: task, db))
    }

    /// The gold answers of a task's items, by item id.
    static func gold(of task: LabelingTask, _ db: Database) throws -> [String: LabelValue] {
        var gold: [String: LabelValue] = [:]
        let rows = try Row.fetchCursor(
            db, sql: "SELECT external_id, gold FROM item WHERE task_id = ? AND gold IS NOT NULL", arguments: [task.id])
        while let row = try rows.next() { gold[row[0]] = Answer(storedJSON: row[1]).labelValue(in: task) }
        return gold
    }

    /// The agreement and annotator-bias report of a task.
    public func agreementReport(for task: LabelingTask, level: MeasurementLevel = .nominal) async throws -> AgreementReport {
        try await statistics(for: task, level: level, page: false).report
    }

    /// Consensus labels of a task by `method`, with each annotator's skill where the method estimates it.
    public func consensus(for task: LabelingTask, method: AggregationMethod) async throws -> AggregationResult {
        let input = try await statisticsInput(for: task)
        return await computedOffTheCooperativePool {
            aggregate(input.annotations, method: method, labelOrder: task.labelNames, gold: input.gold)
        }
    }

    /// The report at `level`, and the quality page's figures when `page` is set, from `statisticsCache`
    /// while the task and its annotations are as they were; otherwise read and computed, then kept.
    func statistics(
        for task: LabelingTask, level: MeasurementLevel, page: Bool
    ) async throws -> (report: AgreementReport, page: TaskStatisticsCache.PageFigures?) {
        let cache = statisticsCache
        // The fingerprint and the annotations come from one read, so what is kept matches its key.
        let lookup = try await writer.read { db -> StatisticsLookup in
            let fingerprint = try TaskStatisticsCache.Fingerprint(task: task, db)
            let kept = cache.entry(for: fingerprint) ?? TaskStatisticsCache.Entry(fingerprint: fingerprint)
            if let report = kept.reports[level], !page || kept.page != nil { return .kept(report, kept.page) }
            return .toCompute(kept, try Self.statisticsInput(for: task, db))
        }
        switch lookup {
        case .kept(let report, let figures):
            return (report, figures)
        case .toCompute(let kept, let input):
            let (entry, report) = await computedOffTheCooperativePool {
                var entry = kept
                let report =
                    entry.reports[level]
                    ?? AgreementReport(input.annotations, options: task.agreementOptions(level: level, gold: input.gold))
                entry.reports[level] = report
                if page && entry.page == nil { entry.page = Self.pageFigures(task, input, ranking: report) }
                return (entry, report)
            }
            cache.store(entry)
            return (report, entry.page)
        }
    }

    /// Skills by Dawid–Skene (majority vote for multiple choice, which needs one label per answer) and
    /// the items of `report` ranked by agreement, computed once per change of the task.
    private static func pageFigures(
        _ task: LabelingTask, _ input: StatisticsInput, ranking report: AgreementReport
    ) -> TaskStatisticsCache.PageFigures {
        let method: AggregationMethod =
            task.answer == .multiple || task.answer.marksItem ? .majority : .dawidSkene(iterations: 50)
        let ranked = report.perItem
            .filter { $0.agreement != nil }
            .sorted { ($0.agreement ?? 1, $0.item) < ($1.agreement ?? 1, $1.item) }
        return TaskStatisticsCache.PageFigures(
            skills: aggregate(input.annotations, method: method, labelOrder: task.labelNames, gold: input.gold),
            ranked: ranked)
    }
}

/// Either the cached figures, or what is kept so far with the annotations to compute the rest from.
private enum StatisticsLookup: Sendable {
    case kept(AgreementReport, TaskStatisticsCache.PageFigures?)
    case toCompute(TaskStatisticsCache.Entry, StatisticsInput)
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
            // Span and box answers are told by their values; the kind only shapes single-label statistics.
            case .spans, .boxes: .multiple
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
        case .spans(let spans): .spans(spans)
        case .boxes(let boxes): .boxes(boxes)
        }
    }

    /// The statistics library's value in `task`: on a span or box task the empty list, read back from
    /// `[]` as an empty multiple choice, is an empty span or box list, so an item where nobody marked
    /// anything still counts as agreement.
    func labelValue(in task: LabelingTask) -> LabelValue {
        switch task.answer {
        case .spans: .spans(spanList)
        case .boxes where isEmptyList: .boxes([])
        default: labelValue
        }
    }
}
