import Foundation

/// Images (and item lists) in a folder on disk, e.g. `labelbench import TASK photos/`.
///
/// The folder is listed once, with the same limits as a zip: entry count, per-file and total size.
/// Hidden files and folders (names starting with `.`) and clutter are left out. A symbolic link is followed
/// only when it resolves to a regular file inside the folder; any other link is refused, naming it, and so
/// are sockets, pipes and devices. Reads re-check containment because the folder may change after listing.
public struct FolderImageSource: ImageSource, Sendable {
    /// The folder, with symbolic links in its own path resolved.
    public let root: URL
    /// The name shown in messages (by default the folder's name).
    public let name: String
    /// The limits applied to the listing and to every file read.
    public let limits: ImageLimits
    /// Normalised paths of the regular files, sorted.
    public let filePaths: [String]

    private let fileSet: Set<String>

    /// Deeper trees are refused: they are not a plausible image folder and could be a link loop made by hand.
    static let maxDepth = 32

    /// Lists `folder` and validates it against `limits`.
    ///
    /// - Throws: `ImageImportError` naming the folder or the offending file.
    public init(folder: URL, name: String? = nil, limits: ImageLimits = .default) throws {
        let root = folder.standardizedFileURL.resolvingSymlinksInPath()
        let name = name ?? folder.lastPathComponent
        self.root = root
        self.name = name
        self.limits = limits
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ImageImportError(file: name, kind: .notFound, reason: "no such folder")
        }
        var files: [String] = []
        var entryCount = 0
        var totalBytes: Int64 = 0
        var pending: [(path: String, depth: Int)] = [("", 0)]
        while let (directory, depth) = pending.popLast() {
            let absolute = directory.isEmpty ? root.path : root.path + "/" + directory
            let children: [String]
            do {
                children = try fileManager.contentsOfDirectory(atPath: absolute)
            } catch {
                throw ImageImportError(
                    file: directory.isEmpty ? name : "\(name)/\(directory)", kind: .unreadable,
                    reason: "folder could not be listed")
            }
            for child in children.sorted() where !child.hasPrefix(".") {
                let relative = directory.isEmpty ? child : directory + "/" + child
                let label = "\(name)/\(relative)"
                if ImagePath.isClutter(relative) { continue }
                entryCount += 1
                guard entryCount <= limits.maxZipEntries else {
                    throw ImageImportError(
                        file: name, kind: .tooManyEntries,
                        reason: "folder has more than \(limits.maxZipEntries) entries")
                }
                switch try Self.kind(of: root.path + "/" + relative, under: root.path, label: label) {
                case .directory:
                    guard depth + 1 <= Self.maxDepth else {
                        throw ImageImportError(
                            file: label, kind: .unsafePath, reason: "folders nested deeper than \(Self.maxDepth) levels"
                        )
                    }
                    pending.append((relative, depth + 1))
                case .file(let size):
                    guard size <= Int64(limits.maxFileBytes) else {
                        throw ImageImportError(
                            file: label, kind: .tooLarge,
                            reason: "file is \(size) bytes; the limit is \(limits.maxFileBytes) bytes")
                    }
                    totalBytes += size
                    guard totalBytes <= limits.maxZipUncompressedBytes else {
                        throw ImageImportError(
                            file: name, kind: .tooLarge,
                            reason: "files add up to more than \(limits.maxZipUncompressedBytes) bytes in total")
                    }
                    files.append(relative)
                }
            }
        }
        filePaths = files.sorted()
        fileSet = Set(files)
    }

    /// Whether `path` (normalised) is a file of the listing.
    public func contains(_ path: String) -> Bool { fileSet.contains(path) }

    /// Names a file in messages: `photos/a/b.jpg`.
    public func label(for path: String) -> String { "\(name)/\(path)" }

    /// Reads the listed file at the normalised `path`, at most `limits.maxFileBytes` bytes.
    ///
    /// - Throws: `ImageImportError` if the path was not listed, now leaves the folder, or the file grew past the limit.
    public func data(for path: String) throws -> Data {
        let label = label(for: path)
        guard fileSet.contains(path) else {
            throw ImageImportError(file: label, kind: .notFound, reason: "no such file in the folder")
        }
        guard case .file = try Self.kind(of: root.path + "/" + path, under: root.path, label: label) else {
            throw ImageImportError(file: label, kind: .unreadable, reason: "is no longer a regular file")
        }
        let resolved = URL(fileURLWithPath: root.path + "/" + path).resolvingSymlinksInPath()
        do {
            let handle = try FileHandle(forReadingFrom: resolved)
            defer { try? handle.close() }
            // One byte more than allowed tells a file that grew since listing from one exactly at the limit.
            let data = try handle.read(upToCount: limits.maxFileBytes + 1) ?? Data()
            guard data.count <= limits.maxFileBytes else {
                throw ImageImportError(
                    file: label, kind: .tooLarge, reason: "file is larger than \(limits.maxFileBytes) bytes")
            }
            return data
        } catch let error as ImageImportError {
            throw error
        } catch {
            throw ImageImportError(file: label, kind: .unreadable, reason: "could not be read")
        }
    }

    private enum Kind {
        case directory
        case file(size: Int64)
    }

    /// What `absolute` is, without following links, except a link to a regular file inside `rootPath`.
    private static func kind(of absolute: String, under rootPath: String, label: String) throws -> Kind {
        let fileManager = FileManager.default
        func attributes(_ path: String) throws -> [FileAttributeKey: Any] {
            do { return try fileManager.attributesOfItem(atPath: path) } catch {
                throw ImageImportError(file: label, kind: .unreadable, reason: "could not be read")
            }
        }
        // attributesOfItem does not follow a final symbolic link (it uses lstat).
        let own = try attributes(absolute)
        switch own[.type] as? FileAttributeType {
        case .typeDirectory?:
            return .directory
        case .typeRegular?:
            return .file(size: byteSize(own))
        case .typeSymbolicLink?:
            let target = URL(fileURLWithPath: absolute).resolvingSymlinksInPath().path
            guard target.hasPrefix(rootPath + "/"), fileManager.fileExists(atPath: target) else {
                throw ImageImportError(
                    file: label, kind: .symlink, reason: "symbolic link points outside the folder or nowhere")
            }
            let resolved = try attributes(target)
            guard resolved[.type] as? FileAttributeType == .typeRegular else {
                throw ImageImportError(
                    file: label, kind: .symlink, reason: "symbolic links are followed only to regular files")
            }
            return .file(size: byteSize(resolved))
        default:
            throw ImageImportError(file: label, kind: .unreadable, reason: "is not a regular file or folder")
        }
    }

    /// The `.size` attribute, which Foundation reports as different integer types on different platforms.
    private static func byteSize(_ attributes: [FileAttributeKey: Any]) -> Int64 {
        switch attributes[.size] {
        case let value as Int64: value
        case let value as UInt64: Int64(clamping: value)
        case let value as Int: Int64(value)
        case let value as NSNumber: value.int64Value
        default: 0
        }
    }
}
