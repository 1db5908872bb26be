import Foundation
import TestImageFixtures
import Testing

#if canImport(LabelbenchImages)
    @testable import LabelbenchImages
#else
    @testable import LabelbenchCore
#endif

/// Expects `body` to throw an `ImageImportError` of `kind` whose message mentions each of `mentions`.
func expectImportError(
    _ kind: ImageImportError.Kind, mentions: [String] = [], sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws -> Void
) {
    do {
        try body()
        Issue.record("expected a \(kind) refusal", sourceLocation: sourceLocation)
    } catch let error as ImageImportError {
        #expect(error.kind == kind, "\(error)", sourceLocation: sourceLocation)
        for word in mentions {
            #expect(error.description.contains(word), "\(error) should mention \(word)", sourceLocation: sourceLocation)
        }
    } catch {
        Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
    }
}

@Suite struct ZipImageSourceTests {
    @Test func listsImagesAndListsAndSkipsClutter() throws {
        let url = try TestZips.make([
            .init(path: "photos/", type: .directory),
            .init(path: "photos/a.png", data: TestImages.png(width: 4, height: 3, seed: 1)),
            .init(path: "photos/b.JPG", data: TestImages.jpeg, compress: false),
            .init(path: "photos/c.gif", data: TestImages.gif),
            .init(path: "photos/d.webp", data: TestImages.webpLossless),
            .init(path: "photos/items.jsonl", data: Data(#"{"id": "1", "image": "a.png"}"#.utf8)),
            .init(path: "photos/README.txt", data: Data("hello".utf8)),
            .init(path: "__MACOSX/photos/._a.png", data: Data([0, 5, 22, 7])),
            .init(path: "photos/.DS_Store", data: Data([0, 0, 0, 1])),
        ])
        let source = try ZipImageSource(url: url)
        #expect(source.name == "photos.zip")
        #expect(source.imagePaths == ["photos/a.png", "photos/b.JPG", "photos/c.gif", "photos/d.webp"])
        #expect(source.itemListPaths == ["photos/items.jsonl"])
        #expect(source.otherPaths == ["photos/README.txt"])
        let formats = try source.imagePaths.map { try source.image(at: $0).info.format }
        #expect(formats == [.png, .jpeg, .gif, .webp])
        let png = try source.image(at: "photos/a.png")
        #expect((png.info.width, png.info.height) == (4, 3))
        #expect(png.data == TestImages.png(width: 4, height: 3, seed: 1))
    }

    @Test func twoHundredDistinctImagesRoundTrip() throws {
        let images = (0..<200).map {
            TestZips.Entry(path: "img/\($0).png", data: TestImages.png(width: 16, height: 9, seed: $0))
        }
        let source = try ZipImageSource(url: try TestZips.make(images))
        #expect(source.imagePaths.count == 200)
        let loaded = try source.imagePaths.map { try source.image(at: $0) }
        #expect(Set(loaded.map(\.data)).count == 200)
        #expect(loaded.allSatisfy { $0.info.width == 16 && $0.info.height == 9 && $0.info.format == .png })
    }

    @Test func resolvesItemJSONLReferences() throws {
        let url = try TestZips.make([
            .init(path: "photos/a.png", data: TestImages.png()),
            .init(path: "photos/items.jsonl", data: Data()),
            .init(path: "b.png", data: TestImages.png(seed: 2)),
        ])
        let source = try ZipImageSource(url: url)
        // A list inside the zip is read relative to its own folder first, then to the root.
        #expect(
            try source.resolveImageReference("a.png", listPath: "photos/items.jsonl", context: "l") == "photos/a.png")
        #expect(try source.resolveImageReference("b.png", listPath: "photos/items.jsonl", context: "l") == "b.png")
        // A list beside the zip names paths from the root, in any spelling that normalises to one.
        #expect(try source.resolveImageReference("./photos//a.png", context: "l") == "photos/a.png")
        #expect(try source.resolveImageReference("photos\\a.png", context: "l") == "photos/a.png")
        expectImportError(.unsafePath, mentions: ["items.jsonl line 3", ".."]) {
            _ = try source.resolveImageReference("../photos/a.png", context: "items.jsonl line 3")
        }
        expectImportError(.unsafePath, mentions: ["items.jsonl line 4"]) {
            _ = try source.resolveImageReference("/etc/passwd", context: "items.jsonl line 4")
        }
        expectImportError(.notFound, mentions: ["items.jsonl line 5", "missing.png", "photos.zip"]) {
            _ = try source.resolveImageReference("missing.png", context: "items.jsonl line 5")
        }
    }

    @Test(arguments: ["../evil.png", "photos/../../evil.png", "..\\evil.png", "/etc/evil.png", "C:\\evil.png"])
    func entriesThatEscapeAreRefused(path: String) throws {
        let url = try TestZips.make([
            .init(path: "ok.png", data: TestImages.png()), .init(path: path, data: TestImages.png()),
        ])
        expectImportError(.unsafePath, mentions: ["photos.zip entry \"\(path)\""]) {
            _ = try ZipImageSource(url: url)
        }
    }

    @Test func symlinkEntriesAreRefused() throws {
        let url = try TestZips.make([
            .init(path: "ok.png", data: TestImages.png()),
            .init(path: "link.png", data: Data("/etc/passwd".utf8), type: .symlink),
        ])
        expectImportError(.symlink, mentions: ["link.png"]) { _ = try ZipImageSource(url: url) }
    }

    @Test func heavilyCompressedEntryIsRefusedBeforeExtracting() throws {
        let url = try TestZips.zeros(byteCount: 50_000_000)
        // Raise the per-file limit so the compression ratio is what catches it.
        let limits = ImageLimits(maxFileBytes: 100_000_000)
        expectImportError(.compressionBomb, mentions: ["bomb.png", "50000000"]) {
            _ = try ZipImageSource(url: url, limits: limits)
        }
        // With default limits the declared 50 MB is over the 20 MB per-file limit.
        expectImportError(.tooLarge, mentions: ["bomb.png"]) { _ = try ZipImageSource(url: url) }
        // And with a lowered total, the sum of declared sizes.
        let lowTotal = ImageLimits(
            maxFileBytes: 100_000_000, maxZipUncompressedBytes: 10_000_000, maxCompressionRatio: 10_000)
        expectImportError(.tooLarge, mentions: ["bomb.zip", "in total"]) {
            _ = try ZipImageSource(url: url, limits: lowTotal)
        }
    }

    @Test func bombThatLiesAboutItsSizeIsStoppedWhileInflating() throws {
        let url = try TestZips.zeros(byteCount: 50_000_000)
        try TestZips.lieAboutUncompressedSize(url, size: 1_000)
        let source = try ZipImageSource(url: url)  // the headers look harmless
        #expect(source.filePaths == ["bomb.png"])
        expectImportError(.compressionBomb, mentions: ["bomb.png", "1000 bytes"]) {
            _ = try source.data(for: "bomb.png")
        }
    }

    @Test func tooManyEntriesAreRefused() throws {
        let entries = (0..<6).map { TestZips.Entry(path: "img\($0).png", data: TestImages.png(seed: $0)) }
        let url = try TestZips.make(entries, name: "many.zip")
        expectImportError(.tooManyEntries, mentions: ["many.zip", "5 entries"]) {
            _ = try ZipImageSource(url: url, limits: ImageLimits(maxZipEntries: 5))
        }
        #expect(try ZipImageSource(url: url, limits: ImageLimits(maxZipEntries: 6)).filePaths.count == 6)
    }

    @Test func oversizedEntryIsRefusedByDeclaredSize() throws {
        let url = try TestZips.make([.init(path: "big.png", data: TestImages.png(width: 40, height: 40))])
        expectImportError(.tooLarge, mentions: ["photos.zip entry \"big.png\"", "1000 bytes"]) {
            _ = try ZipImageSource(url: url, limits: ImageLimits(maxFileBytes: 1_000))
        }
    }

    @Test func pathsThatCollideAfterNormalisingAreRefused() throws {
        let url = try TestZips.make([
            .init(path: "a/b.png", data: TestImages.png()), .init(path: "a//b.png", data: TestImages.png(seed: 1)),
        ])
        expectImportError(.unsafePath, mentions: ["twice"]) { _ = try ZipImageSource(url: url) }
    }

    @Test func nonImageEntriesAreRefusedWhenLoadedAsImages() throws {
        let url = try TestZips.make([
            .init(path: "photo.png", data: TestImages.svgWithScript),
            .init(path: "page.png", data: TestImages.htmlPage),
        ])
        let source = try ZipImageSource(url: url)
        expectImportError(.unsupportedFormat, mentions: ["photos.zip entry \"photo.png\"", "SVG"]) {
            _ = try source.image(at: "photo.png")
        }
        expectImportError(.unsupportedFormat, mentions: ["photos.zip entry \"page.png\"", "HTML"]) {
            _ = try source.image(at: "page.png")
        }
        expectImportError(.notFound, mentions: ["nope.png"]) { _ = try source.data(for: "nope.png") }
    }

    @Test func notAZipIsRefused() throws {
        let url = try TestZips.temporaryFolder().appendingPathComponent("fake.zip")
        try TestImages.htmlPage.write(to: url)
        expectImportError(.unreadable, mentions: ["fake.zip"]) { _ = try ZipImageSource(url: url) }
    }
}
