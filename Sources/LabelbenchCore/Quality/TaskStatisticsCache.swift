import Agreement
import GRDB
import Synchronization

/// The statistics of the tasks viewed last, kept while their annotations stay as they are.
///
/// Reading a 100k-annotation task and computing its report and Dawid–Skene skills takes several
/// hundred milliseconds, far over the 50 ms a page may take; its fingerprint is a count over the
/// annotation index (about 3 ms). Entries are dropped oldest-used first beyond `capacity` tasks or
/// `annotationBudget` annotations.
final class TaskStatisticsCache: Sendable {
    /// What a task's statistics were computed for; any change to it makes them stale.
    ///
    /// Annotations are only ever added, revised (a row in `annotation_revision`) or set aside when an
    /// item is sent back (a row in `superseded_annotation`), or deleted with their task; so their
    /// count, the latest revision and the latest superseded answer tell every change apart. A pause or a
    /// resume changes which of them count, and adds a `trust_event`.
    struct Fingerprint: Hashable, Sendable {
        /// Labels, answer type and the rest of the task as it was read.
        var task: LabelingTask
        var annotations: Int
        /// Latest revision and latest superseded answer in any task: reading them is one index lookup each.
        var lastRevision: Int64
        var lastSuperseded: Int64
        var lastTrustEvent: Int64
        var gold: [String: LabelValue]

        init(task: LabelingTask, _ db: Database) throws {
            self.task = task
            annotations =
                try Int.fetchOne(db, sql: "SELECT count(*) FROM annotation WHERE task_id = ?", arguments: [task.id]) ?? 0
            lastRevision = try Int64.fetchOne(db, sql: "SELECT ifnull(max(id), 0) FROM annotation_revision") ?? 0
            lastSuperseded = try Int64.fetchOne(db, sql: "SELECT ifnull(max(id), 0) FROM superseded_annotation") ?? 0
            lastTrustEvent = try Int64.fetchOne(db, sql: "SELECT ifnull(max(id), 0) FROM trust_event") ?? 0
            gold = try AppDatabase.gold(of: task, db)
        }
    }

    /// What the quality page adds to the nominal report: skills, and the items least agreement first.
    struct PageFigures: Sendable {
        var skills: AggregationResult
        /// Items with a defined agreement, least first (ties by item id): contested items are a prefix.
        var ranked: [ItemAgreement]
    }

    /// The figures computed so far for one fingerprint.
    struct Entry: Sendable {
        var fingerprint: Fingerprint
        var reports: [MeasurementLevel: AgreementReport] = [:]
        var page: PageFigures?
        var lastUse: UInt64 = 0
    }

    static let capacity = 8
    static let annotationBudget = 2_000_000

    private struct State {
        var entries: [Int64: Entry] = [:]
        var clock: UInt64 = 0
    }

    private let state = Mutex(State())

    /// The entry of `fingerprint`'s task if it was computed for exactly that fingerprint.
    func entry(for fingerprint: Fingerprint) -> Entry? {
        state.withLock { state in
            guard var entry = state.entries[fingerprint.task.taskID], entry.fingerprint == fingerprint else { return nil }
            state.clock += 1
            entry.lastUse = state.clock
            state.entries[fingerprint.task.taskID] = entry
            return entry
        }
    }

    /// Keeps `entry`, merged with what is already kept for the same fingerprint, and evicts beyond the bounds.
    func store(_ entry: Entry) {
        state.withLock { state in
            let id = entry.fingerprint.task.taskID
            var merged = entry
            if let kept = state.entries[id], kept.fingerprint == entry.fingerprint {
                merged.reports.merge(kept.reports) { new, _ in new }
                merged.page = merged.page ?? kept.page
            }
            state.clock += 1
            merged.lastUse = state.clock
            state.entries[id] = merged
            while state.entries.count > 1,
                state.entries.count > Self.capacity
                    || state.entries.values.reduce(0, { $0 + $1.fingerprint.annotations }) > Self.annotationBudget,
                let oldest = state.entries.min(by: { $0.value.lastUse < $1.value.lastUse })?.key, oldest != id
            {
                state.entries[oldest] = nil
            }
        }
    }
}
