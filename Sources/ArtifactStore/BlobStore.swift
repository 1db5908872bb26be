import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Content-addressed files under a root folder: `sha256/ab/cdef…` keyed by SHA-256, temp files in `tmp/`.
public struct BlobStore: Sendable {
    /// The root folder (the service uses `DATA/blobs`).
    public let root: URL

    /// Opens (and creates) a blob store rooted at `root`.
    public init(root: URL) throws {
        self.root = root
        try FileIO.makeDirectories(objectsDirectory.path)
        try FileIO.makeDirectories(tempDirectory.path)
    }

    var objectsDirectory: URL { root.appendingPathComponent("sha256", isDirectory: true) }
    var tempDirectory: URL { root.appendingPathComponent("tmp", isDirectory: true) }

    /// Stores bytes and returns their reference; storing the same bytes twice keeps one copy.
    @discardableResult
    public func put(_ data: Data) throws -> BlobRef {
        let writer = try makeWriter()
        try writer.append(data)
        return try writer.finish()
    }

    /// Stores a file already on disk (e.g. an uploaded temp file) by streaming it; the source is left alone.
    @discardableResult
    public func putFile(at source: URL) throws -> BlobRef {
        let writer = try makeWriter()
        try FileIO.forEachChunk(ofFile: source.path) { try writer.append(buffer: $0) }
        return try writer.finish()
    }

    /// Starts a streaming write.
    public func makeWriter() throws -> BlobWriter {
        try BlobWriter(store: self)
    }

    /// Where the blob with this SHA-256 lives (whether or not it exists).
    public func url(for sha256: String) throws -> URL {
        guard Hex.isLowercaseHex(sha256, length: 64) else { throw ArtifactStoreError.invalidDigest(sha256) }
        let prefix = String(sha256.prefix(2))
        let rest = String(sha256.dropFirst(2))
        return objectsDirectory.appendingPathComponent(prefix, isDirectory: true).appendingPathComponent(rest)
    }

    /// True when the blob is stored.
    public func contains(_ sha256: String) -> Bool {
        guard let url = try? url(for: sha256) else { return false }
        return FileIO.stat(url.path)?.isRegular ?? false
    }

    /// Reads a whole blob into memory and checks it against its address; use `BlobCheck` to stream large ones.
    ///
    /// - Throws: `ArtifactStoreError.integrity` when the bytes on disk no longer hash to `sha256`.
    public func read(_ sha256: String) throws -> Data {
        let url = try url(for: sha256)
        guard contains(sha256) else { throw ArtifactStoreError.blobMissing(sha256) }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ArtifactStoreError.io(operation: "read (\(error.localizedDescription))", path: url.path, code: EIO)
        }
        var check = BlobCheck(sha256: sha256, path: url.path)
        check.update(data)
        try check.finish()
        return data
    }

    /// Re-hashes a stored blob; true when its bytes still match the SHA-256 it is stored under.
    public func verify(sha256: String) throws -> Bool {
        let url = try url(for: sha256)
        guard contains(sha256) else { throw ArtifactStoreError.blobMissing(sha256) }
        return try DigestAccumulator.digest(ofFile: url.path).sha256 == sha256
    }

    /// Re-hashes a stored blob and returns all its digests.
    ///
    /// - Throws: `ArtifactStoreError.integrity` when the bytes no longer hash to `sha256`, so a damaged blob
    ///   is never handed on (to a new version, say) under its old address.
    public func reference(for sha256: String) throws -> BlobRef {
        let url = try url(for: sha256)
        guard contains(sha256) else { throw ArtifactStoreError.blobMissing(sha256) }
        let ref = try DigestAccumulator.digest(ofFile: url.path)
        guard ref.sha256 == sha256 else { throw BlobCheck.mismatch(path: url.path, found: ref.sha256) }
        return ref
    }

    /// Every SHA-256 stored, sorted.
    public func allDigests() throws -> [String] {
        let fm = FileManager.default
        var digests: [String] = []
        let prefixes = (try? fm.contentsOfDirectory(atPath: objectsDirectory.path)) ?? []
        for prefix in prefixes where Hex.isLowercaseHex(prefix, length: 2) {
            let folder = objectsDirectory.appendingPathComponent(prefix).path
            for rest in (try? fm.contentsOfDirectory(atPath: folder)) ?? [] {
                let digest = prefix + rest
                if Hex.isLowercaseHex(digest, length: 64) { digests.append(digest) }
            }
        }
        return digests.sorted()
    }

    /// Size in bytes of a stored blob, or nil when absent.
    public func size(of sha256: String) -> Int64? {
        guard let url = try? url(for: sha256) else { return nil }
        return FileIO.stat(url.path)?.size
    }

    /// Deletes a blob; deleting an absent blob is not an error.
    public func remove(_ sha256: String) throws {
        let url = try url(for: sha256)
        try FileIO.unlinkIfPresent(url.path)
    }

    /// Moves a finished, fsynced temp file into its content address and makes the rename durable.
    func install(tempPath: String, ref: BlobRef) throws {
        let destination = try url(for: ref.sha256)
        let folder = destination.deletingLastPathComponent()
        // Same address should mean same bytes: keep the old copy if it still hashes right, and refresh its time so a
        // running gc's grace period protects it. A copy changed on disk is replaced by the good bytes just written.
        if contains(ref.sha256), (try? DigestAccumulator.digest(ofFile: destination.path).sha256) == ref.sha256,
            (try? FileIO.touch(destination.path)) != nil
        {
            try FileIO.unlinkIfPresent(tempPath)
            return
        }
        let createdFolder = try FileIO.makeDirectories(folder.path)
        // Read-only on disk: a stored blob is never rewritten in place.
        _ = chmod(tempPath, 0o444)
        try FileIO.rename(tempPath, destination.path)
        try FileIO.syncDirectory(folder.path)
        if createdFolder { try FileIO.syncDirectory(objectsDirectory.path) }
    }

    /// Deletes temp files older than `age`, left by writers that crashed; returns how many.
    func removeStaleTempFiles(olderThan age: TimeInterval, dryRun: Bool) throws -> Int {
        let cutoff = Date().addingTimeInterval(-age)
        var removed = 0
        for name in (try? FileManager.default.contentsOfDirectory(atPath: tempDirectory.path)) ?? [] {
            let path = tempDirectory.appendingPathComponent(name).path
            guard let info = FileIO.stat(path), info.modified < cutoff else { continue }
            if !dryRun { try FileIO.unlinkIfPresent(path) }
            removed += 1
        }
        return removed
    }
}
