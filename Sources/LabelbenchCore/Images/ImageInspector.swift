import Foundation

/// Decides an uploaded file's image format from its bytes and reads its dimensions from the header.
///
/// The file name is used only in messages: an HTML page renamed `photo.png` is still refused.
/// Nothing is decoded beyond the headers and the chunk/segment structure needed to prove that
/// the file is complete, so inspection costs one pass over the bytes at most.
public enum ImageInspector {
    /// Inspects `data`, which was uploaded as `name`, and returns its format and size.
    ///
    /// - Throws: `ImageImportError` naming `name` when the file is too large, not a PNG/JPEG/GIF/WebP,
    ///   truncated or malformed, or has zero, oversized or too many pixels.
    public static func inspect(_ data: Data, name: String, limits: ImageLimits = .default) throws -> ImageInfo {
        // Size first: nothing else is looked at in a file over the limit.
        guard data.count <= limits.maxFileBytes else {
            throw ImageImportError(
                file: name, kind: .tooLarge,
                reason: "file is \(data.count) bytes; the limit is \(limits.maxFileBytes) bytes")
        }
        guard !data.isEmpty else {
            throw ImageImportError(file: name, kind: .unsupportedFormat, reason: "file is empty")
        }
        let (format, width, height) = try data.withUnsafeBytes {
            (raw: UnsafeRawBufferPointer) throws -> (ImageFormat, Int, Int) in
            let bytes = ImageByteReader(raw)
            guard let format = sniff(bytes) else {
                throw ImageImportError(
                    file: name, kind: .unsupportedFormat,
                    reason: "not a PNG, JPEG, GIF or WebP image\(describeOther(bytes))")
            }
            let parse: (ImageByteReader) throws(ImageHeaderError) -> (Int, Int) =
                switch format {
                case .png: PNGHeader.dimensions
                case .jpeg: JPEGHeader.dimensions
                case .gif: GIFHeader.dimensions
                case .webp: WebPHeader.dimensions
                }
            do throws(ImageHeaderError) {
                let (width, height) = try parse(bytes)
                return (format, width, height)
            } catch {
                throw ImageImportError(
                    file: name, kind: .malformed,
                    reason: "\(format.displayName) file is \(error.reason)")
            }
        }
        try checkDimensions(width: width, height: height, name: name, limits: limits)
        return ImageInfo(format: format, width: width, height: height, byteCount: data.count)
    }

    /// The format named by the magic number at the start of `data`, or nil; checks nothing else.
    ///
    /// Use it to choose a `Content-Type` for bytes that were inspected when they were imported.
    public static func sniff(_ data: Data) -> ImageFormat? {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in sniff(ImageByteReader(raw)) }
    }

    static func sniff(_ bytes: ImageByteReader) -> ImageFormat? {
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if bytes.starts(with: Array("GIF87a".utf8)) || bytes.starts(with: Array("GIF89a".utf8)) { return .gif }
        if bytes.starts(with: Array("RIFF".utf8)) && bytes.matches(Array("WEBP".utf8), at: 8) { return .webp }
        return nil
    }

    private static func checkDimensions(width: Int, height: Int, name: String, limits: ImageLimits) throws {
        guard width > 0, height > 0 else {
            throw ImageImportError(
                file: name, kind: .badDimensions, reason: "image is \(width)×\(height) pixels; both must be at least 1")
        }
        guard width <= limits.maxDimension, height <= limits.maxDimension else {
            throw ImageImportError(
                file: name, kind: .badDimensions,
                reason: "image is \(width)×\(height) pixels; the limit is \(limits.maxDimension) pixels a side")
        }
        // Both sides are ≤ maxDimension here, so the product cannot overflow Int.
        guard width * height <= limits.maxPixels else {
            throw ImageImportError(
                file: name, kind: .badDimensions,
                reason:
                    "image is \(width)×\(height) = \(width * height) pixels; the limit is \(limits.maxPixels) pixels")
        }
    }

    /// A hint such as " (looks like SVG/XML); SVG is not accepted" for the refusal message.
    private static func describeOther(_ bytes: ImageByteReader) -> String {
        // Only the first few hundred bytes: enough to recognise markup without scanning a large upload.
        let head = bytes.prefix(512)
        let text = String(decoding: head, as: UTF8.self)
            .drop { $0 == "\u{FEFF}" || $0.isWhitespace }
            .lowercased()
        if text.contains("<svg") || (text.hasPrefix("<?xml") && text.contains("svg")) {
            return " (looks like SVG/XML); SVG is not accepted"
        }
        if text.hasPrefix("<?xml") { return " (looks like XML)" }
        let htmlMarks = ["<!doctype html", "<html", "<head", "<body", "<script", "<iframe", "<meta", "<div", "<a "]
        if htmlMarks.contains(where: { text.hasPrefix($0) }) || text.contains("<script") {
            return " (looks like HTML)"
        }
        if bytes.starts(with: Array("%PDF".utf8)) { return " (looks like PDF)" }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return " (looks like a zip archive)" }
        if bytes.starts(with: Array("BM".utf8)) { return " (looks like BMP)" }
        if bytes.starts(with: [0x49, 0x49, 0x2A, 0x00]) || bytes.starts(with: [0x4D, 0x4D, 0x00, 0x2A]) {
            return " (looks like TIFF)"
        }
        if bytes.matches(Array("ftyp".utf8), at: 4) { return " (looks like HEIC/AVIF or video)" }
        if bytes.starts(with: Array("RIFF".utf8)) { return " (a RIFF file that is not WebP)" }
        if !head.isEmpty && head.allSatisfy({ $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 >= 0x20 })
            && String(validating: head, as: UTF8.self) != nil
        {
            return " (looks like text)"
        }
        return ""
    }
}

extension ImageFormat {
    /// The name used in messages: PNG, JPEG, GIF, WebP.
    var displayName: String {
        switch self {
        case .png: "PNG"
        case .jpeg: "JPEG"
        case .gif: "GIF"
        case .webp: "WebP"
        }
    }
}

/// Why a header parser gave up; turned into an `ImageImportError` that names the file.
struct ImageHeaderError: Error {
    var reason: String

    static let truncated = ImageHeaderError(reason: "truncated (it ends before its last chunk or marker)")

    static func malformed(_ detail: String) -> ImageHeaderError { ImageHeaderError(reason: "malformed: \(detail)") }
}
