import Foundation
import GRDB
import Testing

@testable import LabelbenchCore

/// The item browser's Core parts: the state rule's order, and the full-text index staying in step with
/// imports, updates, deletes and reused ids although imports leave their text to the first search.
@Suite struct ItemBrowserCoreTests {
    @Test func theFirstStateThatAppliesWins() throws {
        typealias Facts = ItemState.Facts
        let cases: [(Facts, ItemState)] = [
            (Facts(ruled: true, openFlags: 1, gold: true, annotations: 2, counted: 2, countedAnswers: 2), .adjudicated),
            (Facts(openFlags: 1, gold: true, annotations: 2, counted: 0), .flagged),
            (Facts(gold: true, annotations: 1, counted: 0), .gold),
            (Facts(annotations: 2, counted: 0, liveLease: true), .pausedOnly),
            (Facts(annotations: 3, counted: 2, countedAnswers: 2, overlap: 2), .contested),
            (Facts(annotations: 2, counted: 2, countedAnswers: 1, overlap: 2), .done),
            (Facts(annotations: 1, counted: 1, countedAnswers: 1, overlap: 2), .inProgress),
            (Facts(liveLease: true), .inProgress),
            (Facts(), .unlabeled),
        ]
        for (facts, state) in cases { #expect(ItemState(facts) == state, "\(facts)") }
        #expect(throws: DomainError.self) { try ItemState(parsing: "open") }
        #expect(try ItemState(parsing: "paused_only") == .pausedOnly)
    }

    /// The ids a full-text search of the task finds, walking every page.
    private func search(_ db: AppDatabase, _ task: LabelingTask, _ text: String) async throws -> [String] {
        var query = ItemQuery()
        query.text = text
        var found: [String] = []
        repeat {
            let page = try await db.browseItems(in: task, query)
            found += page.items.map(\.id)
            query.cursor = page.next
        } while query.cursor != nil
        return found
    }

    @Test func theTextIndexFollowsImportsUpdatesDeletesAndReusedIDs() async throws {
        let db = try Fixture.database()
        let (task, _) = try await Fixture.task(db, items: 0)
        try await db.importItems(
            [
                ItemDraft(externalID: "a", content: .text("red fox"), origin: .named("test")),
                ItemDraft(externalID: "b", content: .text("blue whale"), origin: .named("test")),
            ],
            into: task)
        #expect(try await search(db, task, "red") == ["a"], "the first search indexes what the import left")
        // Below the indexed mark, the triggers keep the index in step.
        try await db.importItems(
            [ItemDraft(externalID: "a", content: .text("green fox"), origin: .named("test"))], into: task, update: true)
        #expect(try await search(db, task, "red").isEmpty)
        #expect(try await search(db, task, "green") == ["a"])
        try await db.importItems([ItemDraft(externalID: "c", content: .text("red wine"), origin: .named("test"))], into: task)
        // An item stored and changed before any search is indexed with its latest text.
        try await db.importItems(
            [ItemDraft(externalID: "c", content: .text("white wine"), origin: .named("test"))], into: task, update: true)
        #expect(try await search(db, task, "wine") == ["c"])
        #expect(try await search(db, task, "red").isEmpty)
        // Deleting the newest item lets SQLite hand its id out again: the reused id is indexed at once.
        let reused = try await db.writer.write { db -> Int64 in
            let id = try Int64.fetchOne(db, sql: "SELECT id FROM item WHERE external_id = 'c'")!
            try db.execute(sql: "DELETE FROM item WHERE id = ?", arguments: [id])
            return id
        }
        try await db.importItems([ItemDraft(externalID: "d", content: .text("red sky"), origin: .named("test"))], into: task)
        let stored = try await db.writer.read { try Int64.fetchOne($0, sql: "SELECT id FROM item WHERE external_id = 'd'") }
        #expect(stored == reused)
        #expect(try await search(db, task, "red") == ["d"])
        #expect(try await search(db, task, "wine").isEmpty)
        // FTS5's own check of the index against the item table.
        try await db.writer.write { db in
            try db.execute(sql: "INSERT INTO item_fts (item_fts, rank) VALUES ('integrity-check', 1)")
        }
    }
}
