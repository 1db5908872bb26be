import Crypto
import Foundation
import Testing

@testable import ArtifactStore

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct BlobStoreTests {
    @Test func putStoresUnderSHA256WithMD5AndDedupes() async throws {
        try await withTempDirectory { folder in
            let store = try BlobStore(root: folder)
            let ref = try store.put(Data("hello\n".utf8))
            #expect(ref.sha256 == "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03")
            #expect(ref.md5 == "b1946ac92492d2347c6235b4d2611184")
            #expect(ref.size == 6)
            let url = try store.url(for: ref.sha256)
            #expect(url.path.hasSuffix("sha256/58/91b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03"))
            #expect(try store.read(ref.sha256) == Data("hello\n".utf8))

            #expect(try store.put(Data("hello\n".utf8)) == ref)
            #expect(try store.allDigests() == [ref.sha256])
            // Nothing is left in tmp after a put, new or deduplicated.
            #expect(try FileManager.default.contentsOfDirectory(atPath: store.tempDirectory.path).isEmpty)
        }
    }

    @Test func streamingWriterAndPutFileMatchPut() async throws {
        try await withTempDirectory { folder in
            let store = try BlobStore(root: folder.appendingPathComponent("blobs"))
            let big = Data((0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
            let writer = try store.makeWriter()
            for start in stride(from: 0, to: big.count, by: 700_000) {
                try writer.append(big[start..<min(start + 700_000, big.count)])
            }
            let streamed = try writer.finish()
            #expect(streamed.sha256 == Hex.string(SHA256.hash(data: big)))
            #expect(streamed.md5 == Hex.string(Insecure.MD5.hash(data: big)))
            #expect(streamed.size == 3_000_000)

            let source = folder.appendingPathComponent("upload.bin")
            try big.write(to: source)
            #expect(try store.putFile(at: source) == streamed)
            #expect(FileManager.default.fileExists(atPath: source.path))
        }
    }

    @Test func verifyDetectsCorruptionAndRemoveWorks() async throws {
        try await withTempDirectory { folder in
            let store = try BlobStore(root: folder)
            let ref = try store.put(Data("payload".utf8))
            #expect(try store.verify(sha256: ref.sha256))
            let url = try store.url(for: ref.sha256)
            chmod(url.path, 0o644)
            try Data("tampered".utf8).write(to: url)
            #expect(try store.verify(sha256: ref.sha256) == false)
            try store.remove(ref.sha256)
            #expect(!store.contains(ref.sha256))
            #expect(throws: ArtifactStoreError.blobMissing(ref.sha256)) { try store.verify(sha256: ref.sha256) }
        }
    }

    @Test func digestsThatAreNotHexNeverBecomePaths() async throws {
        try await withTempDirectory { folder in
            let store = try BlobStore(root: folder)
            #expect(throws: ArtifactStoreError.self) { try store.url(for: "../../etc/passwd") }
            #expect(!store.contains("../x"))
        }
    }

    @Test func fullDiskIsAnErrorNotSuccess() throws {
        // /dev/full fails every write with ENOSPC, the way a full disk does.
        let fd = open("/dev/full", O_WRONLY)
        try #require(fd >= 0)
        defer { close(fd) }
        let error = #expect(throws: ArtifactStoreError.self) {
            try Data("x".utf8).withUnsafeBytes { try FileIO.writeAll(fd, $0, path: "/dev/full") }
        }
        #expect(error == .io(operation: "write", path: "/dev/full", code: ENOSPC))
        #expect(error?.description.contains("No space left") == true)
    }

    @Test func failedRenameOrDirectorySyncThrows() async throws {
        try await withTempDirectory { folder in
            #expect(throws: ArtifactStoreError.self) {
                try FileIO.syncDirectory(folder.appendingPathComponent("absent").path)
            }
            let store = try BlobStore(root: folder)
            let ref = DigestAccumulator.digest(of: Data("abc".utf8))
            // A file where the fan-out folder should be makes the install fail; the writer must report it.
            try Data().write(to: store.objectsDirectory.appendingPathComponent(String(ref.sha256.prefix(2))))
            #expect(throws: ArtifactStoreError.self) { try store.put(Data("abc".utf8)) }
            #expect(try FileManager.default.contentsOfDirectory(atPath: store.tempDirectory.path).isEmpty)
        }
    }
}
