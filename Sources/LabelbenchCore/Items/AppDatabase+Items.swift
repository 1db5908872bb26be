import Foundation
import GRDB

/// What an import did.
public struct ImportReport: Codable, Sendable, Equatable {
    public var imported: Int
    public var updated: Int
    public var gold: Int
    /// Images skipped because the task already shows the same picture, each with the item it matches.
    public var duplicates: [String] = []
    /// Files and archive entries left out because they are neither images nor item lists, each with why.
    public var skipped: [String] = []

    public init(imported: Int, updated: Int, gold: Int, duplicates: [String] = []) {
        self.imported = imported
        self.updated = updated
        self.gold = gold
        self.duplicates = duplicates
    }
}

/// One stored item as pages and the API show it.
public struct ItemView: Sendable, Hashable {
    public var rowID: Int64
    public var externalID: String
    public var text: String?
    public var image: StoredImage?
    public var meta: String?
}

extension AppDatabase {
    /// Stores drafts that are already parsed; see the `DraftStream` form.
    @discardableResult
    public func importItems(_ drafts: [ItemDraft], into task: LabelingTask, update: Bool = false) async throws -> ImportReport {
        try await importItems(.ready(drafts, source: "the upload"), into: task, update: update)
    }

    /// Stores drafts atomically as the stream hands them over: a bad, duplicate or already-present
    /// id fails the whole import naming its line (the earliest bad line of the file), unless
    /// `update` asks to replace items that already exist.
    ///
    /// The write transaction is open while the rest of the file is still being parsed, so parsing
    /// overlaps inserting; a bad file holds the write lock only until its first bad line.
    @discardableResult
    public func importItems(_ drafts: DraftStream, into task: LabelingTask, update: Bool = false) async throws -> ImportReport {
        defer {
            drafts.cancel()
            checkpointLater()
        }
        return try await writer.write { db in
            // The commit would otherwise copy the whole import from the WAL into the database file
            // before the import can answer (0.1 s for 100k items); `checkpointLater` does it next.
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 0")
            var report = ImportReport(imported: 0, updated: 0, gold: 0)
            var insert = try BulkInsert<ItemDraft>(
                db, table: "item",
                columns: [
                    "task_id", "external_id", "text", "image_sha256", "image_type", "image_width", "image_height", "meta", "gold",
                    "gold_reason", "created_at",
                ])
            let exists = try db.makeStatement(sql: "SELECT 1 FROM item WHERE task_id = ? AND external_id = ?")
            let replace = try db.makeStatement(
                sql: """
                    UPDATE item SET text = ?, image_sha256 = ?, image_type = ?, image_width = ?, image_height = ?, meta = ?, gold = ?,
                      gold_reason = ?
                    WHERE task_id = ? AND external_id = ?
                    """)
            let now = Date().unix
            // Every piece so far, to name the first line of an id the file repeats.
            var pieces: [[ItemDraft]] = []
            // With `update` a repeated id would silently replace its own line, so ids are tracked.
            var seen: [String: ItemOrigin] = [:]
            // Rows still buffered may hold an earlier problem than the one at hand: write them first,
            // so the error names the earliest bad line.
            func failing(_ error: any Error) throws -> any Error {
                do {
                    try insert.flush()
                } catch let failure as BulkInsert<ItemDraft>.Failure {
                    return Self.conflict(failure, in: task, pieces: pieces)
                }
                return error
            }
            while true {
                let next: [ItemDraft]?
                do { next = try drafts.next() } catch { throw try failing(error) }
                guard let piece = next else { break }
                pieces.append(piece)
                for draft in piece {
                    let text: String?
                    let image: StoredImage?
                    let gold: String?
                    do {
                        (text, image, gold) = try Self.checkedValues(draft, for: task)
                        if update, let earlier = seen.updateValue(draft.origin, forKey: draft.externalID) {
                            throw Self.repeated(draft, firstAt: earlier)
                        }
                    } catch {
                        throw try failing(error)
                    }
                    if gold != nil { report.gold += 1 }
                    if update, try Bool.fetchOne(exists, arguments: [task.id, draft.externalID]) ?? false {
                        try replace.execute(arguments: [
                            text, image?.sha256, image?.mimeType, image?.width, image?.height, draft.meta, gold,
                            draft.goldReason, task.id, draft.externalID,
                        ])
                        report.updated += 1
                        continue
                    }
                    do {
                        try insert.append(
                            draft, .integer(task.id), .text(draft.externalID), .text(text), .text(image?.sha256),
                            .text(image?.mimeType),
                            .integer(image?.width), .integer(image?.height), .text(draft.meta), .text(gold),
                            .text(draft.goldReason),
                            .real(now))
                    } catch let failure as BulkInsert<ItemDraft>.Failure {
                        throw Self.conflict(failure, in: task, pieces: pieces)
                    }
                    report.imported += 1
                }
            }
            do { try insert.flush() } catch let failure as BulkInsert<ItemDraft>.Failure {
                throw Self.conflict(failure, in: task, pieces: pieces)
            }
            return report
        }
    }

    /// Restores automatic checkpoints and runs one after the writes already queued, off the path
    /// of the request that made the WAL large. Durability does not wait for it: the commit's WAL
    /// fsync has already made the import safe.
    private func checkpointLater() {
        writer.asyncWriteWithoutTransaction { db in
            try? db.execute(sql: "PRAGMA wal_autocheckpoint = \(Self.walAutocheckpointPages)")
            _ = try? db.checkpoint(.passive)
        }
    }

    /// The draft's text or image and its gold answer as stored, after checking that they suit the task.
    private static func checkedValues(_ draft: ItemDraft, for task: LabelingTask) throws -> (String?, StoredImage?, String?) {
        try draft.checkStorable()
        var text: String?
        var image: StoredImage?
        switch (draft.content, task.kind) {
        case (.text(let body), .text): text = body
        case (.image(let stored), .image): image = stored
        case (.imagePath(let path), _):
            throw DomainError.invalid(
                "\(draft.origin): image \"\(path)\" must come with the image files (upload a zip or folder)")
        default:
            throw DomainError.invalid("\(draft.origin): this is a \(task.kind.rawValue) task")
        }
        do {
            let gold = try draft.gold.map {
                try Answer.parse($0.value, for: task).fitted(to: ItemBounds(text: text, image: image))
            }
            return (text, image, gold?.json)
        } catch let error as DomainError {
            throw DomainError.invalid("\(draft.origin): gold \(error.description.replacingOccurrences(of: "label: ", with: ""))")
        }
    }

    /// What a refused row means: the file repeats the id, or the task already has it.
    private static func conflict(
        _ failure: BulkInsert<ItemDraft>.Failure, in task: LabelingTask, pieces: [[ItemDraft]]
    ) -> any Error {
        let draft = failure.row
        guard failure.error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE else { return failure.error }
        let first = pieces.joined().first { $0.externalID == draft.externalID }
        if let first, first.origin != draft.origin { return repeated(draft, firstAt: first.origin) }
        return alreadyExists(draft, in: task)
    }

    private static func repeated(_ draft: ItemDraft, firstAt earlier: ItemOrigin) -> DomainError {
        DomainError.invalid("\(draft.origin): id \"\(draft.externalID)\" already appears at \(earlier)")
    }

    private static func alreadyExists(_ draft: ItemDraft, in task: LabelingTask) -> DomainError {
        DomainError.conflict(
            "\(draft.origin): item \"\(draft.externalID)\" already exists in \(task.name) (import with update to replace it)")
    }

    /// Image digests that items use, so artifact garbage collection keeps them.
    public func imageDigestsInUse() throws -> Set<String> {
        try writer.read { db in
            Set(try String.fetchAll(db, sql: "SELECT DISTINCT image_sha256 FROM item WHERE image_sha256 IS NOT NULL"))
        }
    }

    /// Whether the task already has an item showing this image (re-imports are reported as duplicates).
    public func itemID(withImage sha256: String, in task: LabelingTask) async throws -> String? {
        try await writer.read { db in
            try String.fetchOne(
                db, sql: "SELECT external_id FROM item WHERE task_id = ? AND image_sha256 = ?", arguments: [task.id, sha256])
        }
    }

    /// The task whose item shows this image, if `user` may see any such task.
    public func imageIsVisible(_ sha256: String, to user: User) async throws -> String? {
        try await writer.read { db in
            if user.role != .annotator {
                return try String.fetchOne(
                    db, sql: "SELECT image_type FROM item WHERE image_sha256 = ? LIMIT 1", arguments: [sha256])
            }
            return try String.fetchOne(
                db,
                sql: """
                    SELECT item.image_type FROM item JOIN task_annotator ta ON ta.task_id = item.task_id
                    WHERE item.image_sha256 = ? AND ta.user_id = ? LIMIT 1
                    """, arguments: [sha256, user.id])
        }
    }
}

extension ItemView {
    init(row: Row) {
        rowID = row["id"]
        externalID = row["external_id"]
        text = row["text"]
        meta = row["meta"]
        if let sha: String = row["image_sha256"] {
            image = StoredImage(sha256: sha, mimeType: row["image_type"], width: row["image_width"], height: row["image_height"])
        }
    }
}

extension AppDatabase {
    /// Image digests the task already shows, with the item that shows each.
    public func imageItems(in task: LabelingTask) async throws -> [String: String] {
        try await writer.read { db in
            var found: [String: String] = [:]
            let rows = try Row.fetchCursor(
                db, sql: "SELECT image_sha256, external_id FROM item WHERE task_id = ? AND image_sha256 IS NOT NULL",
                arguments: [task.id])
            while let row = try rows.next() { found[row[0]] = row[1] }
            return found
        }
    }
}
