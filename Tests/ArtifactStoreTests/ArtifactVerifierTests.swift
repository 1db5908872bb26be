import Foundation
import Testing

@testable import ArtifactStore

@Suite struct ArtifactVerifierTests {
    /// Downloads the golden version into `folder/out` and returns that folder.
    func downloadedFolder(_ folder: URL) async throws -> URL {
        let repository = try makeRepository(in: folder)
        let version = try repository.commit(
            try draft(repository, files: goldenFiles + [("images/1.png", Data([1, 2, 3]))])
        )
        .version
        let ref = try ArtifactReference(parsing: version.reference)
        let out = folder.appendingPathComponent("out")
        try await ArtifactDownloader().download(manifest: try repository.manifestData(ref), into: out) { file in
            .file(try repository.file(ref, path: file.path).1)
        }
        return out
    }

    @Test func intactFolderVerifies() async throws {
        try await withTempDirectory { folder in
            let out = try await downloadedFolder(folder)
            let report = try ArtifactVerifier.verify(directory: out)
            #expect(report.isValid, "\(report.renderText())")
            #expect(report.checkedFiles == 3)
        }
    }

    @Test func missingModifiedAndExtraFilesAreReported() async throws {
        try await withTempDirectory { folder in
            let out = try await downloadedFolder(folder)
            try FileManager.default.removeItem(at: out.appendingPathComponent("a.txt"))
            try Data("{\"id\":1,\"label\":\"dogs\"}\n".utf8).write(to: out.appendingPathComponent("labels.jsonl"))
            try Data([9, 9, 9]).write(to: out.appendingPathComponent("images/1.png"))
            try writeFile(Data("sneaky".utf8), "images/extra.png", in: out)
            let report = try ArtifactVerifier.verify(directory: out)
            #expect(!report.isValid)
            #expect(report.missing == ["a.txt"])
            #expect(report.modified.map(\.path) == ["images/1.png", "labels.jsonl"])
            #expect(report.modified.first?.reason.hasPrefix("sha256") == true)
            #expect(report.modified.last?.reason.hasPrefix("size") == true)
            #expect(report.extra == ["images/extra.png"])
            #expect(report.renderText().contains("extra: images/extra.png"))
        }
    }

    @Test func disagreeingWandbManifestIsReported() async throws {
        try await withTempDirectory { folder in
            let out = try await downloadedFolder(folder)
            let wandb = out.appendingPathComponent("wandb_manifest.json")
            let text = try String(contentsOf: wandb, encoding: .utf8)
            try Data(text.replacingOccurrences(of: "sZRqySSS0jR8YjW00mERhA==", with: "AAAAAAAAAAAAAAAAAAAAAA==").utf8)
                .write(to: wandb)
            let report = try ArtifactVerifier.verify(directory: out)
            #expect(report.manifestProblems == ["a.txt differs between the two manifests"])

            try FileManager.default.removeItem(at: wandb)
            #expect(try ArtifactVerifier.verify(directory: out).missing == ["wandb_manifest.json"])
        }
    }

    @Test func folderWithoutManifestThrows() async throws {
        try await withTempDirectory { folder in
            #expect(throws: ArtifactStoreError.self) { try ArtifactVerifier.verify(directory: folder) }
        }
    }
}
