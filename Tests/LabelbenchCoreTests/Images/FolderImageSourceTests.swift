import Foundation
import TestImageFixtures
import Testing

#if canImport(LabelbenchImages)
    @testable import LabelbenchImages
#else
    @testable import LabelbenchCore
#endif

@Suite struct FolderImageSourceTests {
    /// A temporary folder `photos` holding `files` (relative path → bytes).
    private func makeFolder(_ files: [String: Data]) throws -> URL {
        let folder = try TestZips.temporaryFolder().appendingPathComponent("photos", isDirectory: true)
        for (path, data) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        return folder
    }

    @Test func listsAndReadsImages() throws {
        let folder = try makeFolder([
            "a.png": TestImages.png(width: 2, height: 5), "sub/b.webp": TestImages.webpLossy,
            "items.jsonl": Data(), ".hidden.png": TestImages.png(), ".git/config": Data("x".utf8),
            ".DS_Store": Data([1]),
        ])
        let source = try FolderImageSource(folder: folder)
        #expect(source.filePaths == ["a.png", "items.jsonl", "sub/b.webp"])
        #expect(source.imagePaths == ["a.png", "sub/b.webp"])
        let image = try source.image(at: "sub/b.webp")
        #expect(image.info == ImageInfo(format: .webp, width: 3, height: 2, byteCount: TestImages.webpLossy.count))
        #expect(try source.resolveImageReference("./sub/b.webp", context: "items.jsonl line 1") == "sub/b.webp")
        expectImportError(.notFound, mentions: ["photos/.hidden.png"]) { _ = try source.data(for: ".hidden.png") }
    }

    @Test func symlinkInsideTheFolderIsFollowed() throws {
        let folder = try makeFolder(["a.png": TestImages.png()])
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent("alias.png").path, withDestinationPath: "a.png")
        let source = try FolderImageSource(folder: folder)
        #expect(source.filePaths == ["a.png", "alias.png"])
        #expect(try source.data(for: "alias.png") == TestImages.png())
    }

    @Test func symlinkOutOfTheFolderIsRefused() throws {
        let outside = try TestZips.temporaryFolder().appendingPathComponent("secret.png")
        try TestImages.png().write(to: outside)
        let folder = try makeFolder(["a.png": TestImages.png()])
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent("evil.png").path, withDestinationPath: outside.path)
        expectImportError(.symlink, mentions: ["photos/evil.png", "outside"]) {
            _ = try FolderImageSource(folder: folder)
        }
    }

    @Test func symlinkToAFolderIsRefused() throws {
        let folder = try makeFolder(["a.png": TestImages.png(), "sub/b.png": TestImages.png()])
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent("loop").path, withDestinationPath: folder.path)
        expectImportError(.symlink, mentions: ["photos/loop"]) { _ = try FolderImageSource(folder: folder) }
    }

    @Test func limitsApply() throws {
        let folder = try makeFolder([
            "a.png": TestImages.png(width: 30, height: 30), "b.png": TestImages.png(), "c.png": TestImages.png(),
        ])
        expectImportError(.tooLarge, mentions: ["photos/a.png"]) {
            _ = try FolderImageSource(folder: folder, limits: ImageLimits(maxFileBytes: 1_000))
        }
        expectImportError(.tooManyEntries, mentions: ["photos"]) {
            _ = try FolderImageSource(folder: folder, limits: ImageLimits(maxZipEntries: 2))
        }
        expectImportError(.tooLarge, mentions: ["in total", "photos"]) {
            _ = try FolderImageSource(folder: folder, limits: ImageLimits(maxZipUncompressedBytes: 1_000))
        }
    }

    @Test func fileThatGrewAfterListingIsRefused() throws {
        let folder = try makeFolder(["a.png": TestImages.png()])
        let source = try FolderImageSource(folder: folder, limits: ImageLimits(maxFileBytes: 1_000))
        try Data(count: 5_000).write(to: folder.appendingPathComponent("a.png"))
        expectImportError(.tooLarge, mentions: ["photos/a.png"]) { _ = try source.data(for: "a.png") }
    }

    @Test func missingFolderIsRefused() {
        expectImportError(.notFound, mentions: ["nowhere"]) {
            _ = try FolderImageSource(folder: URL(fileURLWithPath: "/nonexistent/nowhere"))
        }
    }
}
