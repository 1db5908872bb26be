import Agreement
import GRDB

extension AppDatabase {
    /// One page of a task's items with their states, labels so far, agreement, annotators and open
    /// flags, filtered and ordered as `query` asks (the item browser).
    ///
    /// Pages are keyset pages: a walk that follows `next` sees every item stored before it started
    /// exactly once, in `sort=id` order even while items are added. `sort=agreement` ranks by the
    /// agreement the quality page computed for the task's current annotations. A text search first indexes
    /// the text of items stored since the last one (`indexNewItemText`).
    public func browseItems(in task: LabelingTask, _ query: ItemQuery) async throws -> ItemPage {
        if query.text != nil { try await indexNewItemText() }
        let ranked: [ItemAgreement] =
            query.sort == .agreement && !query.cursorIsPastRanked
            ? try await statistics(for: task, level: .nominal, page: true).page?.ranked ?? [] : []
        return try await writer.read { db in
            var browser = try ItemBrowser(task: task, query: query, db)
            return try browser.page(ranked: ranked)
        }
    }
}

extension ItemQuery {
    /// True once a `sort=agreement` walk reached the items without an agreement value.
    var cursorIsPastRanked: Bool {
        if case .unratedAfter = cursor { return true }
        return false
    }
}
