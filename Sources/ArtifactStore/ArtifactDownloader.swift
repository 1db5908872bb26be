import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Downloads a version into a folder for `artifacts get`: every file is re-hashed, and the folder appears only when all match.
public struct ArtifactDownloader: Sendable {
    /// What a fetch returns: the bytes, or a temp file holding them (streamed, so large files need no memory).
    public enum Fetched: Sendable {
        case data(Data)
        case file(URL)
    }

    /// Creates a downloader.
    public init() {}

    /// Fetches each file listed in `manifest` into a hidden staging folder beside `directory`, checks size, SHA-256
    /// and MD5, writes both manifests, then renames the staging folder to `directory` (which must be absent or empty).
    ///
    /// On any mismatch it throws `ArtifactStoreError.integrity` naming the file and leaves no `directory` behind.
    @discardableResult
    public func download(
        manifest manifestData: Data,
        into directory: URL,
        progress: ((_ done: Int, _ total: Int, _ path: String) -> Void)? = nil,
        fetch: (ArtifactManifest.File) async throws -> Fetched
    ) async throws -> ArtifactManifest {
        let manifest = try ArtifactManifest.parse(manifestData)
        let target = directory.standardizedFileURL
        let targetExists = try Self.checkDestination(target)
        let parent = target.deletingLastPathComponent()
        try FileIO.makeDirectories(parent.path)
        let staging = parent.appendingPathComponent(
            ".\(target.lastPathComponent).partial-\(UUID().uuidString.prefix(8).lowercased())", isDirectory: true)
        try FileIO.makeDirectories(staging.path)
        do {
            for (index, file) in manifest.files.enumerated() {
                let destination = staging.appendingPathComponent(file.path)
                try FileIO.makeDirectories(destination.deletingLastPathComponent().path)
                let actual = try Self.write(try await fetch(file), to: destination.path)
                try Self.check(actual, against: file)
                progress?(index + 1, manifest.files.count, file.path)
            }
            let blobs = manifest.files.map { ArtifactFile(path: $0.path, blob: $0.blob) }
            _ = try Self.write(.data(manifestData), to: staging.appendingPathComponent(ArtifactManifest.fileName).path)
            _ = try Self.write(
                .data(WandbManifest.encode(blobs)), to: staging.appendingPathComponent(WandbManifest.fileName).path)
            try FileIO.syncDirectory(staging.path)
            if targetExists {
                // Empty by the check above; rmdir fails rather than deleting anything if something appeared since.
                guard rmdir(target.path) == 0 else { throw FileIO.fail("rmdir", target.path) }
            }
            try FileIO.rename(staging.path, target.path)
            try FileIO.syncDirectory(parent.path)
        } catch {
            try? FileManager.default.removeItem(at: staging)
            throw error
        }
        return manifest
    }

    /// True when the destination exists (and is an empty folder); throws when it is anything else.
    private static func checkDestination(_ target: URL) throws -> Bool {
        guard let info = FileIO.stat(target.path) else { return false }
        let entries = try? FileManager.default.contentsOfDirectory(atPath: target.path)
        guard !info.isRegular, let entries, entries.isEmpty else {
            throw ArtifactStoreError.destinationNotEmpty(target.path)
        }
        return true
    }

    /// Writes fetched bytes to a new file, hashing as it goes, and fsyncs it.
    private static func write(_ fetched: Fetched, to path: String) throws -> BlobRef {
        let fd = try FileIO.createExclusive(path)
        var accumulator = DigestAccumulator()
        do {
            switch fetched {
            case .data(let data):
                try data.withUnsafeBytes { buffer in
                    try FileIO.writeAll(fd, buffer, path: path)
                    accumulator.update(buffer)
                }
            case .file(let source):
                try FileIO.forEachChunk(ofFile: source.path) { buffer in
                    try FileIO.writeAll(fd, buffer, path: path)
                    accumulator.update(buffer)
                }
            }
            try FileIO.sync(fd, path: path)
        } catch {
            _ = try? FileIO.close(fd, path: path)
            throw error
        }
        try FileIO.close(fd, path: path)
        return accumulator.finalize()
    }

    /// Throws `integrity` naming the file when any digest or the size differs.
    private static func check(_ actual: BlobRef, against file: ArtifactManifest.File) throws {
        if actual.size != file.size {
            throw ArtifactStoreError.integrity(path: file.path, reason: "size \(actual.size), expected \(file.size)")
        }
        if actual.sha256 != file.sha256 {
            throw ArtifactStoreError.integrity(
                path: file.path, reason: "sha256 \(actual.sha256), expected \(file.sha256)")
        }
        if actual.md5 != file.md5 {
            throw ArtifactStoreError.integrity(path: file.path, reason: "md5 \(actual.md5), expected \(file.md5)")
        }
    }
}
