import Foundation

/// Streams bytes into the blob store: hashes while writing a temp file, then fsyncs and renames it into place.
public final class BlobWriter {
    private let store: BlobStore
    private let tempPath: String
    private var fd: Int32
    private var accumulator = DigestAccumulator()
    private var done = false

    init(store: BlobStore) throws {
        self.store = store
        try FileIO.makeDirectories(store.tempDirectory.path)
        tempPath = store.tempDirectory.appendingPathComponent("\(UUID().uuidString.lowercased()).part").path
        fd = try FileIO.createExclusive(tempPath)
    }

    deinit {
        // An abandoned writer leaves nothing behind.
        if !done {
            _ = try? FileIO.close(fd, path: tempPath)
            _ = try? FileIO.unlinkIfPresent(tempPath)
        }
    }

    /// Appends bytes to the blob being written.
    public func append(_ bytes: Data) throws {
        try bytes.withUnsafeBytes { try append(buffer: $0) }
    }

    /// Appends bytes from a raw buffer.
    public func append(buffer: UnsafeRawBufferPointer) throws {
        precondition(!done, "BlobWriter used after finish()")
        do {
            try FileIO.writeAll(fd, buffer, path: tempPath)
        } catch {
            abandon()
            throw error
        }
        accumulator.update(buffer)
    }

    /// Makes the blob durable under its SHA-256 and returns its reference; any I/O failure throws.
    public func finish() throws -> BlobRef {
        precondition(!done, "BlobWriter.finish() called twice")
        done = true
        let ref = accumulator.finalize()
        do {
            try FileIO.sync(fd, path: tempPath)
            try FileIO.close(fd, path: tempPath)
        } catch {
            _ = try? FileIO.unlinkIfPresent(tempPath)
            throw error
        }
        do {
            try store.install(tempPath: tempPath, ref: ref)
        } catch {
            _ = try? FileIO.unlinkIfPresent(tempPath)
            throw error
        }
        return ref
    }

    private func abandon() {
        guard !done else { return }
        done = true
        _ = try? FileIO.close(fd, path: tempPath)
        _ = try? FileIO.unlinkIfPresent(tempPath)
    }
}
