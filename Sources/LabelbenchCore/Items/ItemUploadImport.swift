import ArtifactStore
import Foundation

/// Imports the files of one upload into a task, all of them in one transaction or none.
///
/// A text task takes item lists (`.jsonl`, `.ndjson`, `.csv`). An image task takes images, zips of
/// images, and item lists that name them; the images are checked and written to the blob store first.
///
/// Blobs written for an import the database then refuses stay where they are: a concurrent upload of
/// the same bytes may have found them present and committed items pointing at them. `gc` removes them
/// once no item or version uses them and their grace period (refreshed by every re-use) has passed.
public struct ItemUploadImport: Sendable {
    public let database: AppDatabase
    public let blobs: BlobStore
    public let limits: ImageLimits

    /// Creates an importer that stores images in `blobs` and applies `limits` to them.
    public init(database: AppDatabase, blobs: BlobStore, limits: ImageLimits) {
        self.database = database
        self.blobs = blobs
        self.limits = limits
    }

    /// Imports `files` into `task`; `update` replaces items whose id already exists.
    ///
    /// - Throws: `DomainError.invalid` naming the file (and line) that refused the import.
    public func run(_ files: [UploadedFile], into task: LabelingTask, update: Bool) async throws -> ImportReport {
        let sent = files.filter { !$0.data.isEmpty }
        let itemLists = sent.filter { Self.isItemList($0.name) }
        let others = sent.filter { !Self.isItemList($0.name) }
        if task.kind == .text {
            if let file = others.first { throw DomainError.invalid("\(file.name): a text task takes .jsonl or .csv files") }
            if itemLists.count == 1, !itemLists[0].name.lowercased().hasSuffix(".csv") {
                // One JSONL file, as the CLI sends it: its first items are stored while the rest is parsed.
                return try await database.importItems(
                    .parsingJSONL(itemLists[0].data, fileName: itemLists[0].name), into: task, update: update)
            }
            let parsed = try itemLists.flatMap { try ItemFileParser.parse($0.data, fileName: $0.name) }
            if parsed.isEmpty { throw DomainError.invalid("no items found in the upload") }
            return try await database.importItems(.ready(parsed, source: "the upload"), into: task, update: update)
        }
        let drafts = try itemLists.flatMap { try ItemFileParser.parse($0.data, fileName: $0.name) }
        let importer = ImageItemImporter(blobs: blobs, limits: limits)
        let prepared = try importer.prepare(listDrafts: drafts, files: others, existing: try await database.imageItems(in: task))
        if prepared.drafts.isEmpty && prepared.duplicates.isEmpty {
            let skipped = prepared.skipped.isEmpty ? "" : " (skipped: \(prepared.skipped.joined(separator: "; ")))"
            throw DomainError.invalid("no images found in the upload\(skipped)")
        }
        var report =
            prepared.drafts.isEmpty
            ? ImportReport(imported: 0, updated: 0, gold: 0)
            : try await database.importItems(prepared.drafts, into: task, update: update)
        report.duplicates = prepared.duplicates
        report.skipped = prepared.skipped
        return report
    }

    /// Whether a file is a list of items by its name; anything else is an image or a zip, decided by its bytes.
    static func isItemList(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.hasSuffix(".jsonl") || lower.hasSuffix(".csv") || lower.hasSuffix(".ndjson")
    }
}
