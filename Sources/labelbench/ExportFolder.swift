import ArtifactStore
import Foundation
import ZIPFoundation

/// `export TASK --to DIR`: the dataset's files written to a folder and committed nowhere.
///
/// The server sends the files zipped with their `manifest.json`; they are unpacked through
/// `ArtifactDownloader`, so every file is checked against its size and digests and the folder
/// appears only once all of them match, as with `artifacts get`.
struct ExportFolder {
    let api: APIClient

    func write(task: String, options: Data, into directory: URL) async throws -> ArtifactManifest {
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("labelbench-export-\(UUID().uuidString.lowercased())", isDirectory: true)
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let zip = scratch.appendingPathComponent("export.zip")
        try await api.download(
            "POST", "/tasks/\(APIClient.segment(task))/exports/archive", body: options, to: zip, label: "receiving")
        let archive: Archive
        do {
            archive = try Archive(url: zip, accessMode: .read)
        } catch {
            throw APIClient.Failure(description: "the server's export is not a readable zip: \(error)")
        }
        guard let manifestEntry = archive[ArtifactManifest.fileName] else {
            throw APIClient.Failure(description: "the server's export has no \(ArtifactManifest.fileName)")
        }
        let manifest = try Self.bytes(of: manifestEntry, in: archive)
        return try await ArtifactDownloader().download(manifest: manifest, into: directory) { file in
            // Looked up by the manifest's checked path; names in the zip itself are never written.
            guard let entry = archive[file.path] else {
                throw ArtifactStoreError.integrity(path: file.path, reason: "missing from the server's export")
            }
            let unpacked = scratch.appendingPathComponent("file-\(UUID().uuidString.lowercased())")
            _ = try archive.extract(entry, to: unpacked)
            return .file(unpacked)
        }
    }

    private static func bytes(of entry: Entry, in archive: Archive) throws -> Data {
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        return data
    }
}
