import Foundation
import GRDB
import Testing

@testable import ArtifactStore

@Suite struct ArtifactRepositoryTests {
    @Test func firstCommitIsV0WithManifestsAndLatest() async throws {
        try await withTempDirectory { folder in
            let repository = try makeRepository(in: folder)
            let result = try repository.commit(try draft(repository, files: goldenFiles, aliases: ["candidate"]))
            #expect(result.isNew)
            let version = result.version
            #expect(version.reference == "cats:v0")
            #expect(version.aliases == ["candidate", "latest"])
            #expect(version.files.map(\.path) == ["a.txt", "labels.jsonl", "manifest.json", "wandb_manifest.json"])
            #expect(version.wandbDigest == "67904982bdafb8f4420f00e42dcb711e")
            #expect(version.metadata["items"] == 1)
            #expect(version.lineage["exported_by"] == "ada")

            let manifest = try ArtifactManifest.parse(
                try repository.manifestData(ArtifactReference(parsing: "cats:v0")))
            #expect(manifest.name == "cats")
            #expect(manifest.version == "v0")
            #expect(manifest.digest == version.digest)
            #expect(manifest.createdAt == "2023-11-14T22:13:20.000Z")
            #expect(manifest.files.map(\.path) == ["a.txt", "labels.jsonl"])
            #expect(manifest.aliases == ["candidate", "latest"])

            let (blob, url) = try repository.file(
                ArtifactReference(parsing: "cats:latest"), path: "wandb_manifest.json")
            #expect(try Data(contentsOf: url) == WandbManifest.encode(version.dataFiles))
            #expect(blob.size == Int64(try Data(contentsOf: url).count))
        }
    }

    @Test func identicalCommitReturnsExistingVersionAndMergesAliases() async throws {
        try await withTempDirectory { folder in
            let repository = try makeRepository(in: folder)
            let first = try repository.commit(try draft(repository, files: goldenFiles))
            let changed = try repository.commit(try draft(repository, files: [("a.txt", Data("bye\n".utf8))]))
            #expect(changed.version.number == 1)
            // Same files in another order: same content digest, so no new version; latest stays on v1.
            let again = try repository.commit(
                try draft(repository, files: goldenFiles.reversed(), aliases: ["production"]))
            #expect(!again.isNew)
            #expect(again.version.number == 0)
            #expect(again.version.digest == first.version.digest)
            #expect(again.version.aliases == ["production"])
            #expect(try repository.resolve("cats:latest").number == 1)
            #expect(try repository.resolve("cats:production").number == 0)
            #expect(try repository.versions(of: "cats").map(\.number) == [1, 0])
        }
    }

    @Test func changedContentMakesV1AndMovesLatest() async throws {
        try await withTempDirectory { folder in
            let repository = try makeRepository(in: folder)
            try repository.commit(try draft(repository, files: goldenFiles))
            var files = goldenFiles
            files[1].1 = Data("{\"id\":1,\"label\":\"dog\"}\n".utf8)
            let second = try repository.commit(try draft(repository, files: files))
            #expect(second.isNew)
            #expect(second.version.reference == "cats:v1")
            #expect(second.version.aliases == ["latest"])
            #expect(try repository.resolve("cats:v0").aliases == [])
            #expect(try repository.resolve("cats").number == 1)
            let collections = try repository.collections()
            #expect(collections.map(\.name) == ["cats"])
            #expect(collections.first?.versionCount == 2)
            #expect(collections.first?.latestNumber == 1)
        }
    }

    @Test func aliasesMoveAndLatestIsRefused() async throws {
        try await withTempDirectory { folder in
            let repository = try makeRepository(in: folder)
            try repository.commit(try draft(repository, files: goldenFiles))
            try repository.commit(try draft(repository, files: [("a.txt", Data("2".utf8))]))
            try repository.setAlias(ArtifactReference(parsing: "cats:v0"), alias: "production")
            #expect(try repository.resolve("cats:production").number == 0)
            try repository.setAlias(ArtifactReference(parsing: "cats:v1"), alias: "production")
            #expect(try repository.resolve("cats:production").number == 1)
            #expect(try repository.resolve("cats:v0").aliases == [])
            #expect(throws: ArtifactStoreError.reservedAlias("latest")) {
                try repository.setAlias(ArtifactReference(parsing: "cats:v0"), alias: "latest")
            }
            #expect(throws: ArtifactStoreError.invalidAlias("v3")) {
                try repository.setAlias(ArtifactReference(parsing: "cats:v0"), alias: "v3")
            }
            #expect(throws: ArtifactStoreError.versionNotFound("cats:v9")) { try repository.resolve("cats:v9") }
            #expect(throws: ArtifactStoreError.collectionNotFound("dogs")) { try repository.resolve("dogs:latest") }
        }
    }

    @Test func invalidNamesAliasesAndPathsAreRefused() async throws {
        try await withTempDirectory { folder in
            let repository = try makeRepository(in: folder)
            for name in ["", "a/b", "a:b", "tâche", String(repeating: "x", count: 129), "..", "a b"] {
                #expect(throws: ArtifactStoreError.invalidName(name)) {
                    try repository.commit(try draft(repository, files: goldenFiles, collection: name))
                }
            }
            for alias in ["v1", "v01", "a/b", "a:b", ""] {
                #expect(throws: ArtifactStoreError.invalidAlias(alias)) {
                    try repository.commit(try draft(repository, files: goldenFiles, aliases: [alias]))
                }
            }
            for path in ["../x", "/etc/passwd", "a//b", "a/./b", "manifest.json", "wandb_manifest.json", "a\\b"] {
                #expect(throws: ArtifactStoreError.invalidPath(path)) {
                    try repository.commit(try draft(repository, files: [(path, Data("x".utf8))]))
                }
            }
            #expect(throws: ArtifactStoreError.invalidPath("a.txt")) {
                try repository.commit(try draft(repository, files: goldenFiles + [("a.txt", Data("y".utf8))]))
            }
            #expect(ArtifactName.isValidName(String(repeating: "x", count: 128)))
            #expect(try repository.collections().isEmpty)
        }
    }

    @Test func referencesParse() throws {
        #expect(try ArtifactReference(parsing: "cats:v12").selector == .version(12))
        #expect(try ArtifactReference(parsing: "cats:prod").selector == .alias("prod"))
        #expect(try ArtifactReference(parsing: "cats").selector == .alias("latest"))
        #expect(try ArtifactReference(parsing: "cats:v3").description == "cats:v3")
        for bad in ["cats:", ":v1", "cats:v01", "cats:a:b", "ca/ts:v1", "cats:v99999999999999999999999"] {
            #expect(throws: ArtifactStoreError.invalidReference(bad)) { try ArtifactReference(parsing: bad) }
        }
    }

    @Test func commitRefusesFilesWhoseBlobIsMissing() async throws {
        try await withTempDirectory { folder in
            let repository = try makeRepository(in: folder)
            let ghost = DigestAccumulator.digest(of: Data("never stored".utf8))
            let draft = VersionDraft(
                collection: "cats", files: [ArtifactFile(path: "x", blob: ghost)], createdBy: "ada")
            #expect(throws: ArtifactStoreError.blobMissing(ghost.sha256)) { try repository.commit(draft) }
            #expect(try repository.collections().isEmpty)
        }
    }

    @Test func collectionTypeCannotChange() async throws {
        try await withTempDirectory { folder in
            let repository = try makeRepository(in: folder)
            try repository.commit(try draft(repository, files: goldenFiles))
            var model = try draft(repository, files: [("w.bin", Data("1".utf8))])
            model.type = "model"
            #expect(
                throws: ArtifactStoreError.typeMismatch(collection: "cats", existing: "dataset", requested: "model")
            ) {
                try repository.commit(model)
            }
        }
    }

    @Test func gcDryRunThenRealRemovesOnlyUnreferencedBlobs() async throws {
        try await withTempDirectory { folder in
            let repository = try makeRepository(in: folder)
            let version = try repository.commit(try draft(repository, files: goldenFiles)).version
            let orphan = try repository.blobs.put(Data("orphan bytes".utf8))
            let image = try repository.blobs.put(Data("image used by an item".utf8))

            let dry = try repository.gc(extraReferenced: [image.sha256], dryRun: true, gracePeriod: -1)
            #expect(dry.removedDigests == [orphan.sha256])
            #expect(dry.removedBytes == orphan.size)
            #expect(repository.blobs.contains(orphan.sha256))

            // Within the grace period a fresh blob is kept: a commit may be about to reference it.
            #expect(try repository.gc(extraReferenced: [image.sha256]).removedBlobs == 0)

            let real = try repository.gc(extraReferenced: [image.sha256], dryRun: false, gracePeriod: -1)
            #expect(real.removedBlobs == 1)
            #expect(!repository.blobs.contains(orphan.sha256))
            #expect(repository.blobs.contains(image.sha256))
            for file in version.files { #expect(repository.blobs.contains(file.blob.sha256)) }
            #expect(real.keptBlobs == version.files.count + 1)
        }
    }

    @Test func gcRemovesStaleTempFiles() async throws {
        try await withTempDirectory { folder in
            let repository = try makeRepository(in: folder)
            let stale = repository.blobs.tempDirectory.appendingPathComponent("crashed.part")
            try Data("half".utf8).write(to: stale)
            try FileManager.default.setAttributes(
                [.modificationDate: Date().addingTimeInterval(-7200)], ofItemAtPath: stale.path)
            let fresh = repository.blobs.tempDirectory.appendingPathComponent("writing.part")
            try Data("in flight".utf8).write(to: fresh)
            #expect(try repository.gc(dryRun: false).removedTempFiles == 1)
            #expect(!FileManager.default.fileExists(atPath: stale.path))
            #expect(FileManager.default.fileExists(atPath: fresh.path))
        }
    }

    @Test func usageIsRecorded() async throws {
        try await withTempDirectory { folder in
            let repository = try makeRepository(in: folder)
            try repository.commit(try draft(repository, files: goldenFiles))
            let ref = try ArtifactReference(parsing: "cats:latest")
            try repository.recordUse(ref, by: "run-42", details: ["job": "train"])
            let usages = try repository.usages(of: ref)
            #expect(usages.map(\.usedBy) == ["run-42"])
            #expect(usages.first?.reference == "cats:v0")
            #expect(usages.first?.details["job"] == "train")
        }
    }

    @Test func worksOnAFileDatabasePoolInWALMode() async throws {
        try await withTempDirectory { folder in
            let pool = try DatabasePool(path: folder.appendingPathComponent("db.sqlite").path)
            var migrator = DatabaseMigrator()
            ArtifactRepository.registerMigrations(in: &migrator)
            try migrator.migrate(pool)
            let repository = ArtifactRepository(
                writer: pool, blobs: try BlobStore(root: folder.appendingPathComponent("blobs")))
            let result = try repository.commit(try draft(repository, files: goldenFiles))
            #expect(try repository.resolve("cats:v0") == result.version)
            #expect(try pool.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "wal")
        }
    }
}
