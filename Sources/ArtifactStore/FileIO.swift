import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Thin POSIX wrappers: Foundation hides `fsync` and loses `errno`, and a full disk must surface as an error.
enum FileIO {
    static let chunkSize = 1 << 20

    /// Throws `ArtifactStoreError.io` with the current `errno`.
    static func fail(_ operation: String, _ path: String) -> ArtifactStoreError {
        .io(operation: operation, path: path, code: errno)
    }

    /// Creates a new file for writing; fails if it exists.
    static func createExclusive(_ path: String, mode: mode_t = 0o644) throws -> Int32 {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw fail("open", path) }
        return fd
    }

    /// Writes the whole buffer, retrying short writes and EINTR.
    static func writeAll(_ fd: Int32, _ buffer: UnsafeRawBufferPointer, path: String) throws {
        guard var base = buffer.baseAddress else { return }
        var remaining = buffer.count
        while remaining > 0 {
            let written = write(fd, base, remaining)
            if written < 0 {
                if errno == EINTR { continue }
                throw fail("write", path)
            }
            remaining -= written
            base = base.advanced(by: written)
        }
    }

    /// Flushes file contents to stable storage.
    static func sync(_ fd: Int32, path: String) throws {
        guard fsync(fd) == 0 else { throw fail("fsync", path) }
    }

    /// Closes a descriptor; a failing close can report a delayed write error (NFS), so it throws.
    static func close(_ fd: Int32, path: String) throws {
        #if canImport(Darwin)
            let result = Darwin.close(fd)
        #elseif canImport(Musl)
            let result = Musl.close(fd)
        #else
            let result = Glibc.close(fd)
        #endif
        guard result == 0 else { throw fail("close", path) }
    }

    /// Fsyncs a directory so a rename or a new entry in it survives power loss.
    static func syncDirectory(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_DIRECTORY)
        guard fd >= 0 else { throw fail("open directory", path) }
        let syncResult = fsync(fd)
        let syncErrno = errno
        _ = try? close(fd, path: path)
        guard syncResult == 0 else {
            throw ArtifactStoreError.io(operation: "fsync directory", path: path, code: syncErrno)
        }
    }

    /// Atomically renames within one file system.
    static func rename(_ from: String, _ to: String) throws {
        #if canImport(Darwin)
            let result = Darwin.rename(from, to)
        #elseif canImport(Musl)
            let result = Musl.rename(from, to)
        #else
            let result = Glibc.rename(from, to)
        #endif
        guard result == 0 else { throw fail("rename to \(to)", from) }
    }

    /// Removes a file; a missing file is not an error.
    static func unlinkIfPresent(_ path: String) throws {
        if unlink(path) != 0 && errno != ENOENT { throw fail("unlink", path) }
    }

    /// Creates a directory and its parents; returns true when the leaf was created now.
    @discardableResult
    static func makeDirectories(_ path: String) throws -> Bool {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return false
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw ArtifactStoreError.io(operation: "mkdir (\(error.localizedDescription))", path: path, code: EIO)
        }
        return true
    }

    /// Calls `body` with successive chunks of a file; memory use is one chunk.
    static func forEachChunk(ofFile path: String, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw fail("open", path) }
        defer { _ = try? close(fd, path: path) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = read(fd, buffer.baseAddress, chunkSize)
            if count < 0 {
                if errno == EINTR { continue }
                throw fail("read", path)
            }
            if count == 0 { return }
            try body(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
    }

    /// Size and modification time of a path (not following symlinks), or nil when absent.
    static func stat(_ path: String) -> (size: Int64, modified: Date, isRegular: Bool)? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
        let size = (attributes[.size] as? NSNumber)?.int64Value ?? 0
        let modified = attributes[.modificationDate] as? Date ?? .distantPast
        let isRegular = (attributes[.type] as? FileAttributeType) == .typeRegular
        return (size, modified, isRegular)
    }

    /// Sets a file's modification time to now; used to protect a re-used blob from a concurrent gc.
    static func touch(_ path: String) throws {
        guard utimes(path, nil) == 0 else { throw fail("utimes", path) }
    }
}
