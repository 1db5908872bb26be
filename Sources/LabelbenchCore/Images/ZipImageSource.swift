import Foundation
import ZIPFoundation

/// Images (and item lists) inside an uploaded zip archive.
///
/// Creating one reads only the central directory and refuses the whole archive, naming the entry, when it
/// holds too many entries, declares too many bytes in total or in one entry, has an entry that compresses
/// suspiciously well, or has an absolute, `..` or symbolic-link entry. Reading an entry counts the bytes
/// actually inflated and stops at the declared size, so a bomb that lies in its headers is caught too.
///
/// Not `Sendable`: it keeps the archive file open and reads it with a shared file position.
public final class ZipImageSource: ImageSource {
    /// The archive on disk.
    public let url: URL
    /// The name shown in messages (by default the archive's file name).
    public let name: String
    /// The limits applied to the listing and to every entry read.
    public let limits: ImageLimits
    /// Normalised paths of the regular files, sorted, without directories and clutter.
    public let filePaths: [String]

    /// Entries above this size must respect `maxCompressionRatio`; tiny files (a blank JSONL line, an
    /// all-white thumbnail) legitimately compress far better and can do no harm.
    static let ratioCheckFloor: UInt64 = 64 * 1024

    private let archive: Archive
    private let entries: [String: Entry]

    /// Opens the zip at `url` and validates its listing against `limits` before anything is extracted.
    ///
    /// - Parameter name: the name to use in messages; defaults to `url.lastPathComponent`.
    /// - Throws: `ImageImportError` naming the archive or the offending entry.
    public init(url: URL, name: String? = nil, limits: ImageLimits = .default) throws {
        let name = name ?? url.lastPathComponent
        self.url = url
        self.name = name
        self.limits = limits
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw ImageImportError(file: name, kind: .unreadable, reason: "not a readable zip archive")
        }
        var entries: [String: Entry] = [:]
        var entryCount = 0
        var totalBytes: UInt64 = 0
        // The iterator reads the central directory lazily, so stopping at the limit bounds the work.
        for entry in archive {
            entryCount += 1
            guard entryCount <= limits.maxZipEntries else {
                throw ImageImportError(
                    file: name, kind: .tooManyEntries,
                    reason: "archive has more than \(limits.maxZipEntries) entries")
            }
            let label = "\(name) entry \"\(entry.path)\""
            guard entry.type != .symlink else {
                throw ImageImportError(
                    file: label, kind: .symlink, reason: "symbolic links are not allowed in archives")
            }
            let path = try ImagePath.normalize(entry.path, file: label)
            if entry.type == .directory || ImagePath.isClutter(path) { continue }
            let declared = entry.uncompressedSize
            guard declared <= UInt64(limits.maxFileBytes) else {
                throw ImageImportError(
                    file: label, kind: .tooLarge,
                    reason: "declares \(declared) bytes uncompressed; the limit is \(limits.maxFileBytes) bytes a file")
            }
            // Each term is ≤ maxFileBytes and there are ≤ maxZipEntries of them, so the sum cannot overflow.
            totalBytes += declared
            guard totalBytes <= UInt64(max(limits.maxZipUncompressedBytes, 0)) else {
                throw ImageImportError(
                    file: name, kind: .tooLarge,
                    reason: "entries declare more than \(limits.maxZipUncompressedBytes) bytes uncompressed in total")
            }
            let ratio = UInt64(max(limits.maxCompressionRatio, 1))
            let (allowed, overflow) = entry.compressedSize.multipliedReportingOverflow(by: ratio)
            if declared > Self.ratioCheckFloor, !overflow, declared > allowed {
                throw ImageImportError(
                    file: label, kind: .compressionBomb,
                    reason: "compresses \(entry.compressedSize) bytes to \(declared), more than \(ratio) times")
            }
            guard entries[path] == nil else {
                throw ImageImportError(
                    file: label, kind: .unsafePath, reason: "the same path appears twice in the archive")
            }
            entries[path] = entry
        }
        self.entries = entries
        filePaths = entries.keys.sorted()
    }

    /// Whether `path` (normalised) is a file in the archive.
    public func contains(_ path: String) -> Bool { entries[path] != nil }

    /// Names an entry in messages: `photos.zip entry "a/b.jpg"`.
    public func label(for path: String) -> String { "\(name) entry \"\(path)\"" }

    /// Extracts the entry at the normalised `path` into memory.
    ///
    /// - Throws: `ImageImportError` if there is no such file, if it inflates to more bytes than it declared
    ///   (a lying zip bomb), if it is shorter than declared, or if its data or checksum is corrupt.
    public func data(for path: String) throws -> Data {
        guard let entry = entries[path] else {
            throw ImageImportError(file: label(for: path), kind: .notFound, reason: "no such file in the archive")
        }
        // The listing checked declared ≤ maxFileBytes, so this is also the hard cap on memory.
        let declared = Int(entry.uncompressedSize)
        var data = Data()
        data.reserveCapacity(declared)
        do {
            _ = try archive.extract(entry) { chunk in
                guard data.count + chunk.count <= declared else { throw ExceededDeclaredSize() }
                data.append(chunk)
            }
        } catch is ExceededDeclaredSize {
            throw ImageImportError(
                file: label(for: path), kind: .compressionBomb,
                reason: "inflates to more than the \(declared) bytes it declares")
        } catch {
            throw ImageImportError(
                file: label(for: path), kind: .unreadable, reason: "could not be extracted (corrupt data or checksum)")
        }
        guard data.count == declared else {
            throw ImageImportError(
                file: label(for: path), kind: .unreadable,
                reason: "holds \(data.count) bytes but declares \(declared)")
        }
        return data
    }
}

/// Thrown from the extraction callback to stop inflating as soon as an entry passes its declared size.
private struct ExceededDeclaredSize: Error {}
