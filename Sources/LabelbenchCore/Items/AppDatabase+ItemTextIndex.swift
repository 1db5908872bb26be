import GRDB

extension AppDatabase {
    /// Item ids indexed per write transaction, so answers submitted meanwhile wait about 0.3 s at most.
    static let textIndexStep: Int64 = 20_000

    /// Adds the text of items stored since the last catch-up to the full-text index (`item_fts`).
    ///
    /// Imports do not index their text (it made them 3-4x slower); the first search after one pays
    /// for it instead, once: about 2 s per 100k items of 200 characters on this machine, in steps of
    /// `textIndexStep` ids so other writes go on between them. A check that finds the index current
    /// is one read of two index ends.
    public func indexNewItemText() async throws {
        while try await writer.read({ db in try Self.textIndexRange(db) != nil }) {
            try await writer.write { db in
                guard let (after, through) = try Self.textIndexRange(db) else { return }
                let upTo = min(through, after + Self.textIndexStep)
                try db.execute(
                    sql:
                        "INSERT INTO item_fts (rowid, text) SELECT id, text FROM item WHERE id > ? AND id <= ? AND text IS NOT NULL",
                    arguments: [after, upTo])
                try db.execute(sql: "UPDATE item_fts_state SET indexed_through = ?", arguments: [upTo])
            }
        }
    }

    /// The item ids not yet indexed (after the first, through the second), or nil when the index is current.
    private static func textIndexRange(_ db: Database) throws -> (Int64, Int64)? {
        let after = try Int64.fetchOne(db, sql: "SELECT indexed_through FROM item_fts_state") ?? 0
        guard let through = try Int64.fetchOne(db, sql: "SELECT max(id) FROM item"), through > after else { return nil }
        return (after, through)
    }
}
