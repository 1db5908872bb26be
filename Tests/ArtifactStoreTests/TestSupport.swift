import Foundation
import GRDB

@testable import ArtifactStore

/// A fresh temp folder per test, removed when the test ends.
@discardableResult
func withTempDirectory<T>(_ body: (URL) async throws -> T) async throws -> T {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("artifactstore-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try await body(url)
}

/// A repository over an in-memory database and a blob store in `folder`.
func makeRepository(in folder: URL) throws -> ArtifactRepository {
    let queue = try DatabaseQueue()
    var migrator = DatabaseMigrator()
    ArtifactRepository.registerMigrations(in: &migrator)
    try migrator.migrate(queue)
    return ArtifactRepository(writer: queue, blobs: try BlobStore(root: folder.appendingPathComponent("blobs")))
}

/// The golden-vector files of artifact-formats.md.
let goldenFiles: [(String, Data)] = [
    ("a.txt", Data("hello\n".utf8)),
    ("labels.jsonl", Data("{\"id\":1,\"label\":\"cat\"}\n".utf8)),
]

/// Stores files as blobs and returns a draft for them.
func draft(
    _ repository: ArtifactRepository, files: [(String, Data)], collection: String = "cats", aliases: [String] = []
) throws -> VersionDraft {
    let stored = try files.map { ArtifactFile(path: $0.0, blob: try repository.blobs.put($0.1)) }
    return VersionDraft(
        collection: collection, files: stored, metadata: ["items": 1, "schema": ["labels": ["cat", "dog"]]],
        lineage: ["task": "cats", "exported_by": "ada"], aliases: aliases, createdBy: "ada",
        createdAt: Date(timeIntervalSince1970: 1_700_000_000))
}

/// Writes `data` at `path` under `folder`, creating parents.
func writeFile(_ data: Data, _ path: String, in folder: URL) throws {
    let url = folder.appendingPathComponent(path)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try data.write(to: url)
}
