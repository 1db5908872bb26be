import Foundation
import Testing

@testable import ArtifactStore

#if canImport(Glibc)
    import Glibc
#endif

/// A blob changed on disk is never trusted (quality bar rule 16): storing the same bytes again repairs it,
/// and every read that hands the bytes on re-hashes them.
@Suite struct BlobIntegrityTests {
    /// Overwrites a stored blob in place, as a failing disk or a careless hand would.
    static func tamper(_ store: BlobStore, _ sha256: String, with bytes: Data) throws {
        let path = try store.url(for: sha256).path
        _ = chmod(path, 0o644)
        try bytes.write(to: URL(fileURLWithPath: path))
    }

    @Test func storingTheSameBytesAgainReplacesATamperedCopy() async throws {
        try await withTempDirectory { folder in
            let store = try BlobStore(root: folder)
            let good = Data("the labels as exported\n".utf8)
            let ref = try store.put(good)
            try Self.tamper(store, ref.sha256, with: Data("the labels, tampered!!\n".utf8))
            #expect(try !store.verify(sha256: ref.sha256))

            #expect(try store.put(good) == ref)
            #expect(try store.verify(sha256: ref.sha256))
            #expect(try Data(contentsOf: store.url(for: ref.sha256)) == good)
            #expect(try FileManager.default.contentsOfDirectory(atPath: store.tempDirectory.path).isEmpty)
        }
    }

    @Test func readAndReferenceRefuseATamperedBlob() async throws {
        try await withTempDirectory { folder in
            let store = try BlobStore(root: folder)
            let ref = try store.put(Data("an image's bytes".utf8))
            #expect(try store.reference(for: ref.sha256) == ref)
            try Self.tamper(store, ref.sha256, with: Data("an image's bytez".utf8))
            #expect { try store.read(ref.sha256) } throws: { error in
                guard case .integrity(let path, _) = error as? ArtifactStoreError else { return false }
                return path.hasSuffix(String(ref.sha256.dropFirst(2)))
            }
            #expect { try store.reference(for: ref.sha256) } throws: { error in
                if case .integrity = error as? ArtifactStoreError { return true }
                return false
            }
        }
    }

    @Test func blobCheckAcceptsTheBytesInAnyChunkingAndRefusesOthers() throws {
        let bytes = Data((0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        let sha = DigestAccumulator.digest(of: bytes).sha256
        for size in [1, 333, 4096, 10_000] {
            var check = BlobCheck(sha256: sha, path: "x")
            for start in stride(from: 0, to: bytes.count, by: size) {
                check.update(bytes[start..<min(start + size, bytes.count)])
            }
            try check.finish()
        }
        var wrong = BlobCheck(sha256: sha, path: "x")
        wrong.update(bytes.dropLast())
        #expect(throws: ArtifactStoreError.self) { try wrong.finish() }
    }
}
