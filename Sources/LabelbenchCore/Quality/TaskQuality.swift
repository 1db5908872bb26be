import Agreement
import Dispatch

/// Everything the quality page of a task shows: the agreement report, each annotator's skill and
/// confusion against the consensus, the practitioner's rulings, and one page of contested items.
public struct TaskQuality: Sendable {
    public var report: AgreementReport
    /// Dawid–Skene skills and confusion matrices (majority vote for multiple choice, which needs one label per answer).
    public var skills: AggregationResult
    /// The ruling per item id, for the items that have one.
    public var rulings: [String: Answer]
    /// The requested page of contested items, least agreement first.
    public var contested: [ItemAgreement]
    /// How many items are contested in all (on every page).
    public var contestedCount: Int
    public var query: ContestedItemsQuery
    /// For span tasks: the contested items' spans.
    public var spans: SpanQuality?
}

/// Which items count as contested and which page of them to show.
public struct ContestedItemsQuery: Sendable, Equatable {
    /// Items whose per-item agreement (the share of agreeing annotator pairs) is below this are contested.
    public var below: Double
    /// 1-based.
    public var page: Int
    public var perPage: Int

    /// The thresholds a page offers; 1 means "any disagreement".
    public static let thresholds: [Double] = [0.5, 0.67, 0.8, 1]

    public init(below: Double = 0.8, page: Int = 1, perPage: Int = 25) {
        self.below = below.isFinite ? min(max(below, 0.01), 1) : 0.8
        self.page = max(page, 1)
        self.perPage = min(max(perPage, 1), 500)
    }
}

extension AppDatabase {
    /// The quality figures of a task, with the contested items `query` asks for. The report, the
    /// skills and the ranking come from `statistics(for:level:page:)`: computed once per change of the task.
    public func taskQuality(
        for task: LabelingTask, contested query: ContestedItemsQuery = ContestedItemsQuery()
    ) async throws -> TaskQuality {
        let (report, figures) = try await statistics(for: task, level: .nominal, page: true)
        guard let figures else { preconditionFailure("statistics(page: true) returns the page's figures") }
        let rulings = try await adjudications(in: task).reduce(into: [String: Answer]()) { $0[$1.item] = $1.answer }
        let contestedCount = figures.ranked.prefix { ($0.agreement ?? 1) < query.below }.count
        let first = min((query.page - 1) * query.perPage, contestedCount)
        let page = Array(figures.ranked[first..<min(first + query.perPage, contestedCount)])
        var spans: SpanQuality?
        if task.answer == .spans {
            let answers = try await writer.read { db in try SpanQuality.answers(of: page.map(\.item), in: task, db) }
            spans = SpanQuality(contested: answers)
        }
        return TaskQuality(
            report: report, skills: figures.skills, rulings: rulings, contested: page,
            contestedCount: contestedCount, query: query, spans: spans)
    }
}

/// Runs CPU-heavy statistics on a global queue: a large task takes seconds, and the cooperative
/// pool has one thread per core to serve every request.
func computedOffTheCooperativePool<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(returning: body()) }
    }
}
