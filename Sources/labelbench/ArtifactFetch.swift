import ArtifactStore
import Foundation

/// Downloads a version over HTTP into a folder, re-hashing every file (via `ArtifactDownloader`).
struct ArtifactFetch {
    let api: APIClient

    func manifest(_ reference: String) async throws -> Data {
        let parsed = try ArtifactReference(parsing: reference)
        return try await api.send(
            "GET", "/artifacts/\(APIClient.segment(parsed.name))/\(APIClient.segment(selector(parsed)))/manifest"
        ).data
    }

    func selector(_ reference: ArtifactReference) -> String {
        switch reference.selector {
        case .version(let number): "v\(number)"
        case .alias(let alias): alias
        }
    }

    @discardableResult
    func get(_ reference: String, into directory: URL) async throws -> ArtifactManifest {
        let manifestData = try await manifest(reference)
        let parsed = try ArtifactReference(parsing: reference)
        // Fetch by the exact version the manifest names, so a moving alias cannot mix two versions.
        let manifest = try ArtifactManifest.parse(manifestData)
        let base = "/artifacts/\(APIClient.segment(parsed.name))/\(APIClient.segment(manifest.version))/files/"
        // Each file goes to a temp file first (a labels.jsonl can be hundreds of MB), then is checked and copied.
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("labelbench-get-\(UUID().uuidString.lowercased())", isDirectory: true)
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        var previous: URL?
        return try await ArtifactDownloader().download(
            manifest: manifestData, into: directory,
            progress: { done, total, _ in Console.progress("downloading", done: done, total: total) },
            fetch: { file in
                let path = file.path.split(separator: "/").map { APIClient.segment(String($0)) }.joined(separator: "/")
                // The downloader has copied the previous file by now: one temp file at a time.
                if let previous { try? FileManager.default.removeItem(at: previous) }
                let fetched = scratch.appendingPathComponent(UUID().uuidString.lowercased())
                do {
                    try await api.download("GET", base + path, to: fetched)
                } catch let failure as APIClient.Failure {
                    throw APIClient.Failure(description: "\(file.path): \(failure.description)")
                }
                previous = fetched
                return .file(fetched)
            })
    }
}
