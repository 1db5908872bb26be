import Foundation
import Testing

@testable import ArtifactStore

@Suite struct ArtifactDownloaderTests {
    @Test func downloadWritesEveryFileAndBothManifests() async throws {
        try await withTempDirectory { folder in
            let repository = try makeRepository(in: folder)
            let version = try repository.commit(try draft(repository, files: goldenFiles)).version
            let ref = try ArtifactReference(parsing: "cats:latest")
            let out = folder.appendingPathComponent("out")
            try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
            var progress: [String] = []
            try await ArtifactDownloader().download(
                manifest: try repository.manifestData(ref), into: out, progress: { _, _, path in progress.append(path) }
            ) { file in
                .data(try repository.blobs.read(file.sha256))
            }
            #expect(progress == ["a.txt", "labels.jsonl"])
            #expect(try ArtifactVerifier.filesOnDisk(in: out) == version.files.map(\.path))
            // The folder holds exactly the stored bytes, manifests included.
            for file in version.files {
                #expect(
                    try Data(contentsOf: out.appendingPathComponent(file.path))
                        == repository.blobs.read(file.blob.sha256))
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["blobs", "out"])
        }
    }

    @Test func corruptedFileFailsByNameAndLeavesNoFolder() async throws {
        try await withTempDirectory { folder in
            let repository = try makeRepository(in: folder)
            try repository.commit(try draft(repository, files: goldenFiles))
            let ref = try ArtifactReference(parsing: "cats:v0")
            let out = folder.appendingPathComponent("out")
            let error = await #expect(throws: ArtifactStoreError.self) {
                try await ArtifactDownloader().download(manifest: try repository.manifestData(ref), into: out) { file in
                    file.path == "labels.jsonl"
                        ? .data(Data("{\"id\":1,\"label\":\"dog\"}\n".utf8))
                        : .data(try repository.blobs.read(file.sha256))
                }
            }
            guard case .integrity(let path, let reason)? = error else {
                Issue.record("expected an integrity error, got \(String(describing: error))")
                return
            }
            #expect(path == "labels.jsonl")
            #expect(reason.hasPrefix("sha256"))
            // Neither the target nor the staging folder survives.
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["blobs"])
        }
    }

    @Test func nonEmptyDestinationIsRefusedBeforeFetching() async throws {
        try await withTempDirectory { folder in
            let repository = try makeRepository(in: folder)
            try repository.commit(try draft(repository, files: goldenFiles))
            let out = folder.appendingPathComponent("out")
            try writeFile(Data("keep me".utf8), "mine.txt", in: out)
            await #expect(throws: ArtifactStoreError.destinationNotEmpty(out.standardizedFileURL.path)) {
                try await ArtifactDownloader().download(
                    manifest: try repository.manifestData(ArtifactReference(parsing: "cats:v0")), into: out
                ) { _ in
                    Issue.record("fetched despite a non-empty destination")
                    return .data(Data())
                }
            }
            #expect(try Data(contentsOf: out.appendingPathComponent("mine.txt")) == Data("keep me".utf8))
        }
    }

    @Test func manifestWithTraversalPathIsRefused() async throws {
        try await withTempDirectory { folder in
            let evil = """
                {"name":"x","version":"v0","digest":"sha256:0","created_at":"","aliases":[],"metadata":{},"lineage":{},
                 "files":[{"path":"../escape","size":1,"sha256":"\(String(repeating: "a", count: 64))","md5":"\(String(repeating: "b", count: 32))"}]}
                """
            await #expect(throws: ArtifactStoreError.invalidPath("../escape")) {
                try await ArtifactDownloader().download(
                    manifest: Data(evil.utf8), into: folder.appendingPathComponent("out")
                ) { _ in
                    .data(Data("x".utf8))
                }
            }
            #expect(
                !FileManager.default.fileExists(
                    atPath: folder.deletingLastPathComponent().appendingPathComponent("escape").path))
        }
    }
}
