import Foundation
import TestImageFixtures
import Testing

#if canImport(LabelbenchImages)
    @testable import LabelbenchImages
#else
    @testable import LabelbenchCore
#endif

/// The expected refusal of `inspect`, checked by kind and by the file name appearing in the message.
private func expectRefusal(
    _ data: Data, name: String, kind: ImageImportError.Kind, limits: ImageLimits = .default,
    mentions: [String] = [], sourceLocation: SourceLocation = #_sourceLocation
) {
    do {
        let info = try ImageInspector.inspect(data, name: name, limits: limits)
        Issue.record("\(name) was accepted as \(info)", sourceLocation: sourceLocation)
    } catch let error as ImageImportError {
        #expect(error.kind == kind, "\(error)", sourceLocation: sourceLocation)
        #expect(error.description.hasPrefix("\(name): "), "\(error)", sourceLocation: sourceLocation)
        for word in mentions {
            #expect(error.description.contains(word), "\(error) should mention \(word)", sourceLocation: sourceLocation)
        }
    } catch {
        Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
    }
}

@Suite struct ImageInspectorTests {
    @Test(arguments: [(1, 1), (3, 2), (640, 480), (1, 300)])
    func generatedPNGHasItsSize(width: Int, height: Int) throws {
        let data = TestImages.png(width: width, height: height)
        let info = try ImageInspector.inspect(data, name: "a.png")
        #expect(info == ImageInfo(format: .png, width: width, height: height, byteCount: data.count))
    }

    @Test func pngGeneratorMakesDistinctImagesPerSeed() {
        let images = Set((0..<200).map { TestImages.png(width: 8, height: 8, seed: $0) })
        #expect(images.count == 200)
    }

    @Test(arguments: [
        ("baseline.jpg", TestImages.jpeg, ImageFormat.jpeg),
        ("progressive.jpg", TestImages.jpegProgressive, .jpeg),
        ("a.gif", TestImages.gif, .gif),
        ("lossless.webp", TestImages.webpLossless, .webp),
        ("lossy.webp", TestImages.webpLossy, .webp),
        ("extended.webp", TestImages.webpExtended, .webp),
    ])
    func fixturesAreRecognisedWithTheirSize(name: String, data: Data, format: ImageFormat) throws {
        let info = try ImageInspector.inspect(data, name: name)
        #expect(info == ImageInfo(format: format, width: 3, height: 2, byteCount: data.count))
        #expect(ImageInspector.sniff(data) == format)
    }

    @Test func gif89aWithExtensionBlockIsRecognised() throws {
        let info = try ImageInspector.inspect(TestImages.gif89a, name: "pixel.gif")
        #expect(info == ImageInfo(format: .gif, width: 1, height: 1, byteCount: 42))
        // Cut inside the extension block: the walk runs out of bytes.
        #expect(throws: ImageImportError.self) {
            try ImageInspector.inspect(TestImages.gif89a.prefix(24), name: "x.gif")
        }
    }

    @Test func formatIsDecidedByBytesNotName() throws {
        let info = try ImageInspector.inspect(TestImages.gif, name: "actually-a-gif.png")
        #expect(info.format == .gif)
        #expect(info.format.mimeType == "image/gif")
    }

    @Test func formatMetadata() {
        #expect(ImageFormat.allCases.map(\.mimeType) == ["image/png", "image/jpeg", "image/gif", "image/webp"])
        #expect(ImageFormat.allCases.map(\.fileExtension) == ["png", "jpg", "gif", "webp"])
    }

    @Test func svgWithScriptIsRefusedEvenNamedPNG() {
        expectRefusal(
            TestImages.svgWithScript, name: "photo.png", kind: .unsupportedFormat,
            mentions: ["not a PNG, JPEG, GIF or WebP image", "SVG", "not accepted"])
        // With a BOM and leading blank lines too.
        expectRefusal(
            Data("\u{FEFF}\n\n<svg onload=\"alert(1)\"/>".utf8), name: "x.svg", kind: .unsupportedFormat,
            mentions: ["SVG"])
    }

    @Test func htmlRenamedPNGIsRefused() {
        expectRefusal(TestImages.htmlPage, name: "photo.png", kind: .unsupportedFormat, mentions: ["HTML"])
    }

    @Test func otherFilesAreRefused() {
        expectRefusal(Data("%PDF-1.7\n".utf8), name: "doc.png", kind: .unsupportedFormat, mentions: ["PDF"])
        expectRefusal(Data("id,text\n1,hello\n".utf8), name: "t.jpg", kind: .unsupportedFormat, mentions: ["text"])
        expectRefusal(Data(), name: "empty.png", kind: .unsupportedFormat, mentions: ["empty"])
        expectRefusal(Data([0x00, 0x01, 0x02]), name: "bin.webp", kind: .unsupportedFormat)
    }

    @Test func truncatedJPEGIsRefused() {
        let jpeg = TestImages.jpeg
        expectRefusal(jpeg.dropLast(2), name: "cut.jpg", kind: .malformed, mentions: ["JPEG", "truncated"])
        expectRefusal(jpeg.prefix(jpeg.count / 2), name: "half.jpg", kind: .malformed, mentions: ["truncated"])
        expectRefusal(jpeg.prefix(40), name: "head.jpg", kind: .malformed)
        expectRefusal(TestImages.jpegProgressive.dropLast(30), name: "p.jpg", kind: .malformed)
    }

    @Test func dataAfterJPEGEndIsTolerated() throws {
        // Phones append data (motion photos, depth maps) after EOI; the image itself is whole.
        let info = try ImageInspector.inspect(TestImages.jpeg + Data(repeating: 7, count: 100), name: "motion.jpg")
        #expect(info.width == 3 && info.height == 2)
    }

    @Test func truncatedPNGGIFAndWebPAreRefused() {
        let png = TestImages.png(width: 4, height: 4)
        expectRefusal(png.dropLast(12), name: "no-iend.png", kind: .malformed, mentions: ["PNG"])
        expectRefusal(png.prefix(30), name: "head.png", kind: .malformed)
        expectRefusal(TestImages.gif.dropLast(1), name: "cut.gif", kind: .malformed, mentions: ["GIF"])
        expectRefusal(TestImages.gif.prefix(20), name: "head.gif", kind: .malformed)
        expectRefusal(TestImages.webpLossy.dropLast(4), name: "cut.webp", kind: .malformed, mentions: ["WebP"])
        expectRefusal(TestImages.webpLossless + Data([0, 0]), name: "long.webp", kind: .malformed, mentions: ["RIFF"])
    }

    @Test func corruptPNGHeaderIsRefused() {
        var png = TestImages.png(width: 2, height: 2)
        png[png.startIndex + 17] ^= 0x01  // width changes, IHDR CRC no longer matches
        expectRefusal(png, name: "bad.png", kind: .malformed, mentions: ["checksum"])
    }

    @Test func hugeDeclaredDimensionsAreRefusedBeforeDecoding() {
        expectRefusal(
            TestImages.pngDeclaring(width: 100_000, height: 100_000), name: "huge.png", kind: .badDimensions,
            mentions: ["100000×100000", "20000"])
        // Each side within bounds but 100 megapixels in total.
        expectRefusal(
            TestImages.pngDeclaring(width: 10_000, height: 10_000), name: "area.png", kind: .badDimensions,
            mentions: ["50000000"])
        expectRefusal(TestImages.pngDeclaring(width: 0, height: 5), name: "zero.png", kind: .badDimensions)
    }

    @Test func hugeJPEGFrameIsRefused() {
        // Patch the SOF0 frame header of the fixture to declare 60000×60000.
        var jpeg = [UInt8](TestImages.jpeg)
        let sof = jpeg.indices.first { jpeg[$0] == 0xFF && jpeg[$0 + 1] == 0xC0 }!
        jpeg.replaceSubrange(sof + 5..<sof + 9, with: [0xEA, 0x60, 0xEA, 0x60])
        expectRefusal(Data(jpeg), name: "big.jpg", kind: .badDimensions, mentions: ["60000×60000"])
    }

    @Test func fileSizeIsCheckedFirst() {
        let limits = ImageLimits(maxFileBytes: 100)
        expectRefusal(TestImages.png(width: 20, height: 20), name: "big.png", kind: .tooLarge, limits: limits)
        // Over the size limit, even garbage is refused for its size, not its content: no work was done on it.
        expectRefusal(Data(count: 101), name: "junk.png", kind: .tooLarge, limits: limits, mentions: ["100 bytes"])
    }

    @Test func limitsDecodeWithDefaultsForMissingKeys() throws {
        let limits = try JSONDecoder().decode(ImageLimits.self, from: Data(#"{"maxPixels": 1000}"#.utf8))
        #expect(limits.maxPixels == 1000)
        #expect(limits.maxFileBytes == 20 * 1024 * 1024)
        #expect(limits.maxZipUncompressedBytes == 2 * 1024 * 1024 * 1024)
        let roundTrip = try JSONDecoder().decode(ImageLimits.self, from: JSONEncoder().encode(ImageLimits.default))
        #expect(roundTrip == .default)
    }
}
