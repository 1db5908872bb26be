import Agreement
import Foundation
import GRDB

/// Finds or creates the item of each imported record, inside the import's transaction.
///
/// A text record names its item by id: a new id becomes an item, an id the task holds with the
/// same text is that item, and one with a different text is refused (the file is not about the
/// items the task holds). An image record must name an image the task already shows, by item id
/// or by file name, since other tools' exports hold a link to the image rather than its bytes.
struct InterchangeItemStore {
    private let task: LabelingTask
    private let now: Double
    /// Items this import created or met, so several records of one item (MTurk's assignments of a HIT) count once.
    private var seen: Set<String> = []
    /// Image items by the last part of their id, read when the first image record arrives.
    private var imagesByFileName: [String: [String]]?
    private(set) var created = 0
    private(set) var existing = 0

    init(task: LabelingTask, now: Double) {
        self.task = task
        self.now = now
    }

    /// The record's item id and what its answers must fit.
    mutating func item(for record: InterchangeRecord, _ db: Database) throws -> (id: String, bounds: ItemBounds) {
        let id: String
        switch record.content {
        case .text(let text):
            guard task.kind == .text else {
                throw DomainError.invalid("\(record.origin): a text record, but \(task.name) is an image task")
            }
            guard let given = record.itemID else { throw DomainError.invalid("\(record.origin): needs an item id") }
            id = try storeText(text, id: given, record: record, db)
        case .imageFile(let name):
            guard task.kind == .image else {
                throw DomainError.invalid("\(record.origin): an image record, but \(task.name) is a text task")
            }
            id = try imageItem(named: name, id: record.itemID, record: record, db)
        }
        let row = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT \(ItemBounds.columns) FROM item WHERE task_id = ? AND external_id = ?"),
            arguments: [task.id, id])
        if seen.insert(id).inserted, case .imageFile = record.content { existing += 1 }
        return (id, row.map(ItemBounds.init(row:)) ?? ItemBounds(text: nil, image: nil as ImageSize?))
    }

    private mutating func storeText(_ text: String, id: String, record: InterchangeRecord, _ db: Database) throws -> String {
        let origin = ItemOrigin.named(record.origin)
        let draft = ItemDraft(
            externalID: id, content: .text(try ItemFileParser.checkedText(text, origin: origin)), meta: record.meta,
            origin: origin)
        try draft.checkStorable()
        if let stored = try String.fetchOne(
            db.cachedStatement(sql: "SELECT text FROM item WHERE task_id = ? AND external_id = ?"), arguments: [task.id, id])
        {
            guard stored == text else {
                throw DomainError.conflict(
                    "\(record.origin): item \"\(id)\" already exists in \(task.name) with a different text")
            }
            if !seen.contains(id) { existing += 1 }
            return id
        }
        try db.cachedStatement(sql: "INSERT INTO item (task_id, external_id, text, meta, created_at) VALUES (?, ?, ?, ?, ?)")
            .execute(arguments: [task.id, id, text, record.meta, now])
        created += 1
        return id
    }

    /// The item given by id when the task has it, else the one image item whose id ends in `name`.
    private mutating func imageItem(
        named name: String, id: String?, record: InterchangeRecord, _ db: Database
    ) throws
        -> String
    {
        if let id,
            try Bool.fetchOne(
                db, sql: "SELECT 1 FROM item WHERE task_id = ? AND external_id = ? AND image_sha256 IS NOT NULL",
                arguments: [task.id, id]) ?? false
        {
            return id
        }
        if imagesByFileName == nil {
            var found: [String: [String]] = [:]
            let ids = try String.fetchCursor(
                db, sql: "SELECT external_id FROM item WHERE task_id = ? AND image_sha256 IS NOT NULL ORDER BY external_id",
                arguments: [task.id])
            while let id = try ids.next() { found[Self.fileName(id), default: []].append(id) }
            imagesByFileName = found
        }
        // Label Studio renames an uploaded file "1a2b3c4d-cat.jpg"; the task may hold it as "cat.jpg".
        let candidates =
            [name]
            + (name.range(of: #"^[0-9a-f]{8}-"#, options: .regularExpression).map { [String(name[$0.upperBound...])] } ?? [])
        for candidate in candidates {
            guard let matches = imagesByFileName?[candidate] else { continue }
            guard matches.count == 1 else {
                throw DomainError.invalid(
                    "\(record.origin): image \"\(name)\" matches several items of \(task.name) (\(matches.prefix(3).joined(separator: ", "))); give the item id"
                )
            }
            return matches[0]
        }
        throw DomainError.invalid(
            "\(record.origin): image \"\(name)\" is not an item of \(task.name); import the images first")
    }

    /// The last part of a path or URL: what other tools' links and our image item ids share.
    static func fileName(_ reference: String) -> String {
        var path = reference
        if let url = URL(string: reference), url.scheme != nil, !url.path.isEmpty { path = url.path }
        // Label Studio serves local files as "/data/local-files/?d=folder/cat.jpg".
        if let query = reference.range(of: "?d=") { path = String(reference[query.upperBound...]) }
        return path.split(separator: "/").last.map(String.init) ?? path
    }
}
