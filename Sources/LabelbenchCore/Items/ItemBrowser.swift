import Agreement
import Foundation
import GRDB

/// Reads one page of the item browser inside one read transaction.
///
/// Filters the database answers cheaply (annotator, necessary conditions of a state, full-text
/// search) are SQL; the state, labels and agreement are worked out per batch of candidates from
/// a few `IN (…)` reads, never per row. Each request examines at most `budget` items (full-text
/// hits, ranked items or stored items), so a page costs about the same whatever the filter.
struct ItemBrowser {
    /// Items examined per request at most.
    static let budget = 5_000
    /// Candidates read and described at a time.
    static let batch = 500

    /// An item as read from its row, before its annotations are looked at.
    struct Candidate {
        var row: Int64
        var externalID: String
        var meta: String?
        var gold: String?
        var needed: Int?
    }

    let task: LabelingTask
    let query: ItemQuery
    let db: Database
    /// SQL conditions on `item` that every listed item meets, with their arguments.
    private var conditions: [String] = []
    private var arguments: [(any DatabaseValueConvertible)?] = []
    /// False when the query names an annotator nobody is called: nothing can match.
    private var satisfiable = true
    var userNames: [Int64: String] = [:]
    private var items: [BrowsedItem] = []
    let now = Date().unix

    init(task: LabelingTask, query: ItemQuery, _ db: Database) throws {
        self.task = task
        self.query = query
        self.db = db
        if let annotator = query.annotator {
            if let user = try Int64.fetchOne(db, sql: "SELECT id FROM user WHERE name = ?", arguments: [annotator]) {
                conditions.append("EXISTS (SELECT 1 FROM annotation a WHERE a.item_id = item.id AND a.user_id = ?)")
                arguments.append(user)
            } else {
                satisfiable = false
            }
        }
        if let condition = query.state.flatMap(Self.necessaryCondition) { conditions.append(condition) }
        if query.agreementBelow != nil { conditions.append(Self.annotated) }
    }

    private static let annotated = "EXISTS (SELECT 1 FROM annotation a WHERE a.item_id = item.id)"

    /// What an item in `state` always has, as SQL on `item`, so most others are left out before they are described.
    private static func necessaryCondition(_ state: ItemState) -> String? {
        switch state {
        case .adjudicated: "EXISTS (SELECT 1 FROM adjudication r WHERE r.item_id = item.id)"
        case .flagged: "EXISTS (SELECT 1 FROM flag f WHERE f.item_id = item.id AND f.resolution IS NULL)"
        case .gold: "item.gold IS NOT NULL"
        case .pausedOnly, .contested, .done: annotated
        case .unlabeled: "NOT EXISTS (SELECT 1 FROM annotation a WHERE a.item_id = item.id) AND item.gold IS NULL"
        case .inProgress: nil
        }
    }

    /// The page the query asks for; `ranked` holds the task's items with an agreement value, least first,
    /// for `sort=agreement`.
    mutating func page(ranked: [ItemAgreement]) throws -> ItemPage {
        guard satisfiable else { return ItemPage(items: [], next: nil) }
        let next: ItemCursor?
        switch (query.sort, query.cursor) {
        case (.agreement, .unratedAfter(let row)?):
            next = try stored(after: row, budget: Self.budget, unratedOnly: true, cursor: ItemCursor.unratedAfter)
        case (.agreement, let cursor):
            next = try walkRanked(ranked, after: cursor)
        case (.id, let cursor):
            let start: Int64 = if case .after(let row)? = cursor { row } else { 0 }
            next =
                try query.text == nil
                ? stored(after: start, budget: Self.budget, unratedOnly: false, cursor: ItemCursor.after)
                : searched(after: start)
        }
        return ItemPage(items: items, next: next)
    }

    private var full: Bool { items.count >= query.limit }

    /// Walks the task's items in row order after `start`, examining at most `budget` of them.
    private mutating func stored(
        after start: Int64, budget: Int, unratedOnly: Bool, cursor: (Int64) -> ItemCursor
    ) throws -> ItemCursor? {
        // The last row this request may examine; nil when fewer than `budget` are left.
        let bound = try Int64.fetchOne(
            db, sql: "SELECT id FROM item WHERE task_id = ? AND id > ? ORDER BY id LIMIT 1 OFFSET ?",
            arguments: [task.id, start, max(budget, 1) - 1])
        var position = start
        while true {
            var sql = "SELECT id, external_id, meta, gold, needed FROM item WHERE task_id = ? AND id > ?"
            var values: [(any DatabaseValueConvertible)?] = [task.id, position]
            if let bound {
                sql += " AND id <= ?"
                values.append(bound)
            }
            let batch = try candidates(sql: sql, values, order: "ORDER BY id LIMIT \(Self.batch)")
            let ended = batch.count < Self.batch
            for (candidate, item) in try describe(batch) {
                guard let item, !unratedOnly || item.agreement == nil else { continue }
                items.append(item)
                if full {
                    let last = ended && bound == nil && candidate.row == batch.last?.row
                    return last ? nil : cursor(candidate.row)
                }
            }
            guard let last = batch.last, !ended else { break }
            position = last.row
        }
        return bound.map(cursor)
    }

    /// Walks the full-text hits of `query.text` after row `start`, at most `budget` hits a request.
    private mutating func searched(after start: Int64) throws -> ItemCursor? {
        var position = start
        var examined = 0
        while examined < Self.budget {
            let hits: [Int64]
            do {
                hits = try Int64.fetchAll(
                    db, sql: "SELECT rowid FROM item_fts WHERE item_fts MATCH ? AND rowid > ? ORDER BY rowid LIMIT ?",
                    arguments: [query.text, position, Self.batch])
            } catch let error as DatabaseError {
                throw DomainError.invalid("q: not a full-text query (SQLite FTS5 syntax): \(error.message ?? "unreadable")")
            }
            examined += hits.count
            let batch = try candidates(
                sql:
                    "SELECT id, external_id, meta, gold, needed FROM item WHERE id IN (\(Self.marks(hits.count))) AND task_id = ?",
                hits + [task.id], order: "ORDER BY id")
            for (candidate, item) in try describe(batch) {
                guard let item else { continue }
                items.append(item)
                if full { return hits.count < Self.batch && candidate.row == batch.last?.row ? nil : .after(candidate.row) }
            }
            guard let last = hits.last, hits.count == Self.batch else { return nil }
            position = last
        }
        return .after(position)
    }

    /// Walks `ranked` after `cursor`, then the items without an agreement value.
    private mutating func walkRanked(_ ranked: [ItemAgreement], after cursor: ItemCursor?) throws -> ItemCursor? {
        var index = 0
        if case .afterAgreement(let value, let item)? = cursor {
            index = Self.firstIndex(in: ranked) { ($0.agreement ?? 1, $0.item) > (value, item) }
        }
        var examined = 0
        while index < ranked.count {
            if let below = query.agreementBelow, (ranked[index].agreement ?? 1) >= below { return nil }
            guard examined < Self.budget else {
                let previous = ranked[index - 1]
                return .afterAgreement(previous.agreement ?? 1, previous.item)
            }
            let slice = ranked[index..<min(index + Self.batch, ranked.count)]
            let byID = Dictionary(
                try candidates(
                    sql:
                        "SELECT id, external_id, meta, gold, needed FROM item WHERE task_id = ? AND external_id IN (\(Self.marks(slice.count)))",
                    [task.id] + slice.map(\.item), order: ""
                ).map { ($0.externalID, $0) }, uniquingKeysWith: { first, _ in first })
            let ordered = slice.compactMap { byID[$0.item] }
            for (candidate, item) in try describe(ordered) {
                guard let item else { continue }
                items.append(item)
                if full, let entry = slice.first(where: { $0.item == candidate.externalID }) {
                    return .afterAgreement(entry.agreement ?? 1, entry.item)
                }
            }
            examined += slice.count
            index += slice.count
        }
        // Items without agreement never pass `agreement_below`.
        if query.agreementBelow != nil { return nil }
        return try stored(
            after: 0, budget: max(Self.budget - examined, Self.batch), unratedOnly: true, cursor: ItemCursor.unratedAfter)
    }

    /// The first index of a sorted array where `isAfter` starts to hold.
    private static func firstIndex(in ranked: [ItemAgreement], where isAfter: (ItemAgreement) -> Bool) -> Int {
        var low = 0
        var high = ranked.count
        while low < high {
            let middle = (low + high) / 2
            if isAfter(ranked[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }

    private static func marks(_ count: Int) -> String {
        count == 0 ? "NULL" : Array(repeating: "?", count: count).joined(separator: ",")
    }

    /// Candidate rows of `sql` (which filters `item`) that also meet the query's SQL conditions.
    private func candidates(sql: String, _ values: [(any DatabaseValueConvertible)?], order: String) throws -> [Candidate] {
        let filtered = ([sql] + conditions).joined(separator: " AND ") + " " + order
        return try Row.fetchAll(db, sql: filtered, arguments: StatementArguments(values + arguments)).map { row in
            Candidate(row: row[0], externalID: row[1], meta: row[2], gold: row[3], needed: row[4])
        }
    }
}
