import Foundation
import GRDB

/// What an import did.
public struct ImportReport: Codable, Sendable, Equatable {
    public var imported: Int
    public var updated: Int
    public var gold: Int
    /// Images skipped because the task already shows the same picture, each with the item it matches.
    public var duplicates: [String] = []

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
    /// Stores drafts atomically: any bad, duplicate or already-present id fails the whole import
    /// with its line, unless `update` asks to replace items that already exist.
    @discardableResult
    public func importItems(_ drafts: [ItemDraft], into task: LabelingTask, update: Bool = false) async throws -> ImportReport {
        // Checked before the write lock is taken, so a bad file costs other writers nothing.
        var firstOrigin: [String: ItemOrigin] = [:]
        var golds: [String?] = []
        golds.reserveCapacity(drafts.count)
        for draft in drafts {
            if let earlier = firstOrigin.updateValue(draft.origin, forKey: draft.externalID) {
                throw DomainError.invalid("\(draft.origin): id \"\(draft.externalID)\" already appears at \(earlier)")
            }
            switch (draft.content, task.kind) {
            case (.text, .text), (.image, .image): break
            case (.imagePath(let path), _):
                throw DomainError.invalid("\(draft.origin): image \"\(path)\" must come with the image files (upload a zip or folder)")
            default:
                throw DomainError.invalid("\(draft.origin): this is a \(task.kind.rawValue) task")
            }
            do {
                golds.append(try draft.gold.map { try Answer.parse($0.value, for: task).json })
            } catch let error as DomainError {
                throw DomainError.invalid("\(draft.origin): gold \(error.description.replacingOccurrences(of: "label: ", with: ""))")
            }
        }
        let checkedGolds = golds
        return try await writer.write { db in
            var report = ImportReport(imported: 0, updated: 0, gold: checkedGolds.compactMap { $0 }.count)
            let insert = try db.makeStatement(sql: """
                INSERT INTO item (task_id, external_id, text, image_sha256, image_type, image_width, image_height, meta, gold, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let exists = try db.makeStatement(sql: "SELECT 1 FROM item WHERE task_id = ? AND external_id = ?")
            let replace = try db.makeStatement(sql: """
                UPDATE item SET text = ?, image_sha256 = ?, image_type = ?, image_width = ?, image_height = ?, meta = ?, gold = ?
                WHERE task_id = ? AND external_id = ?
                """)
            let now = Date().unix
            for (draft, gold) in zip(drafts, checkedGolds) {
                var text: String?
                var image: StoredImage?
                switch draft.content {
                case .text(let body): text = body
                case .image(let stored): image = stored
                case .imagePath: break
                }
                if !update {
                    // No existence SELECT per row: ids are unique within the file (checked above), so a
                    // UNIQUE (task_id, external_id) violation can only mean the item is already stored.
                    do {
                        try insert.execute(arguments: [
                            task.id, draft.externalID, text, image?.sha256, image?.mimeType, image?.width, image?.height, draft.meta, gold, now,
                        ])
                    } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
                        throw Self.alreadyExists(draft, in: task)
                    }
                    report.imported += 1
                    continue
                }
                let present = try Bool.fetchOne(exists, arguments: [task.id, draft.externalID]) ?? false
                if present {
                    try replace.execute(arguments: [
                        text, image?.sha256, image?.mimeType, image?.width, image?.height, draft.meta, gold, task.id, draft.externalID,
                    ])
                    report.updated += 1
                } else {
                    try insert.execute(arguments: [
                        task.id, draft.externalID, text, image?.sha256, image?.mimeType, image?.width, image?.height, draft.meta, gold, now,
                    ])
                    report.imported += 1
                }
            }
            return report
        }
    }

    private static func alreadyExists(_ draft: ItemDraft, in task: LabelingTask) -> DomainError {
        DomainError.conflict("\(draft.origin): item \"\(draft.externalID)\" already exists in \(task.name) (import with update to replace it)")
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
            return try String.fetchOne(db, sql: """
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
                db, sql: "SELECT image_sha256, external_id FROM item WHERE task_id = ? AND image_sha256 IS NOT NULL", arguments: [task.id])
            while let row = try rows.next() { found[row[0]] = row[1] }
            return found
        }
    }
}
