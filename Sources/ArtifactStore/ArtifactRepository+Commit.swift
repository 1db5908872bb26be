import Foundation
import GRDB
import TextFormats

extension ArtifactRepository {
    /// Commits a version, or returns the existing version with identical content (merging the requested aliases).
    ///
    /// New versions get the next number, `manifest.json` and `wandb_manifest.json`, and move `latest`;
    /// an identical commit leaves `latest` where it is.
    @discardableResult
    public func commit(_ draft: VersionDraft) throws -> CommitResult {
        try ArtifactName.validateName(draft.collection)
        guard ArtifactName.isValidName(draft.type) else { throw ArtifactStoreError.invalidName(draft.type) }
        let aliases = try requestedAliases(draft.aliases)
        let files = try validatedFiles(draft.files)
        let digest = ArtifactManifest.contentDigest(of: files)
        let wandbDigest = WandbManifest.versionDigest(files)
        // The W&B manifest depends only on the files, so it is written (and fsynced) before the transaction.
        let wandbBlob = try blobs.put(WandbManifest.encode(files))
        let createdAt = ISO8601.string(draft.createdAt)

        return try immediateWrite { db in
            let collectionID = try ensureCollection(db, name: draft.collection, type: draft.type, createdAt: createdAt)
            if let existing = try Int64.fetchOne(
                db, sql: "SELECT id FROM artifact_version WHERE collection_id = ? AND digest = ?",
                arguments: [collectionID, digest])
            {
                let overrides = try aliases.compactMap { alias in
                    try guardedMove(db, alias: alias, versionID: existing, protection: draft.protection, at: draft.createdAt)
                }
                return CommitResult(version: try loadVersion(db, id: existing), isNew: false, overrides: overrides)
            }
            // Checked under the write lock, which gc also takes, so a concurrent gc cannot strand this version.
            for file in files {
                guard blobs.size(of: file.blob.sha256) == file.blob.size else {
                    throw ArtifactStoreError.blobMissing(file.blob.sha256)
                }
            }
            let number =
                (try Int.fetchOne(
                    db, sql: "SELECT MAX(number) FROM artifact_version WHERE collection_id = ?",
                    arguments: [collectionID])
                    ?? -1) + 1
            // A forced protected alias is part of the new version's lineage from the start, manifest included.
            var lineage = draft.lineage
            let overrides = try aliases.compactMap { alias in
                try override(
                    moving: alias, to: "\(draft.collection):v\(number)", metadata: draft.metadata,
                    protection: draft.protection, at: draft.createdAt)
            }
            for override in overrides { lineage = override.appended(to: lineage) }
            let manifest = ArtifactManifest(
                name: draft.collection, version: "v\(number)", digest: digest, createdAt: createdAt,
                aliases: ([ArtifactName.latest] + aliases).sorted(),
                files: files.map(ArtifactManifest.File.init),
                metadata: draft.metadata, lineage: lineage)
            // Durable before the rows commit: the version never points at a blob that is not on disk.
            let manifestBlob = try blobs.put(manifest.encoded())

            try db.execute(
                sql: """
                    INSERT INTO artifact_version
                        (collection_id, number, digest, wandb_digest, created_at, created_by, metadata, lineage, description)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    collectionID, number, digest, wandbDigest, createdAt, draft.createdBy,
                    draft.metadata.canonicalString, lineage.canonicalString, draft.description,
                ])
            let versionID = db.lastInsertedRowID
            let allFiles =
                files + [
                    ArtifactFile(path: ArtifactManifest.fileName, blob: manifestBlob),
                    ArtifactFile(path: WandbManifest.fileName, blob: wandbBlob),
                ]
            for file in allFiles {
                try db.execute(
                    sql:
                        "INSERT INTO artifact_version_file (version_id, path, sha256, md5, size) VALUES (?, ?, ?, ?, ?)",
                    arguments: [versionID, file.path, file.blob.sha256, file.blob.md5, file.blob.size])
            }
            for alias in [ArtifactName.latest] + aliases {
                try moveAlias(db, collectionID: collectionID, alias: alias, versionID: versionID, at: createdAt)
            }
            return CommitResult(version: try loadVersion(db, id: versionID), isNew: true, overrides: overrides)
        }
    }

    /// Valid, de-duplicated, sorted aliases without `latest` (which the store moves itself).
    private func requestedAliases(_ aliases: [String]) throws -> [String] {
        for alias in aliases { try ArtifactName.validateAlias(alias) }
        return Set(aliases).subtracting([ArtifactName.latest]).sorted()
    }

    /// Data files with safe, unique paths that are not the generated manifests, sorted by path.
    private func validatedFiles(_ files: [ArtifactFile]) throws -> [ArtifactFile] {
        var seen = Set<String>()
        for file in files {
            try ArtifactName.validatePath(file.path)
            guard !ArtifactManifest.reservedPaths.contains(file.path), seen.insert(file.path).inserted else {
                throw ArtifactStoreError.invalidPath(file.path)
            }
            guard Hex.isLowercaseHex(file.blob.sha256, length: 64), Hex.isLowercaseHex(file.blob.md5, length: 32) else {
                throw ArtifactStoreError.invalidDigest(file.blob.sha256)
            }
        }
        return files.sortedByPath()
    }

    /// The collection's id, creating it on first commit; a different type for an existing name is refused.
    private func ensureCollection(_ db: Database, name: String, type: String, createdAt: String) throws -> Int64 {
        if let row = try Row.fetchOne(
            db, sql: "SELECT id, type FROM artifact_collection WHERE name = ?", arguments: [name])
        {
            let existingType: String = row["type"]
            guard existingType == type else {
                throw ArtifactStoreError.typeMismatch(collection: name, existing: existingType, requested: type)
            }
            return row["id"]
        }
        try db.execute(
            sql: "INSERT INTO artifact_collection (name, type, created_at) VALUES (?, ?, ?)",
            arguments: [name, type, createdAt])
        return db.lastInsertedRowID
    }

    /// Moves `alias` to a stored version under `protection`, recording a forced move in the version's lineage.
    /// An alias already pointing there is left alone: nothing moves, so nothing is overridden.
    func guardedMove(
        _ db: Database, alias: String, versionID: Int64, protection: AliasProtection, at time: Date
    ) throws -> AliasOverride? {
        let row = try Row.fetchOne(
            db,
            sql: """
                SELECT c.name, v.collection_id, v.number, v.metadata, v.lineage,
                    (SELECT a.version_id FROM artifact_alias a WHERE a.collection_id = v.collection_id AND a.alias = ?) AS current
                FROM artifact_version v JOIN artifact_collection c ON c.id = v.collection_id WHERE v.id = ?
                """, arguments: [alias, versionID])!
        if row["current"] as Int64? == versionID { return nil }
        let metadata = (try? JSONValue.parse(Data((row["metadata"] as String).utf8))) ?? .null
        let override = try override(
            moving: alias, to: "\(row["name"] as String):v\(row["number"] as Int)", metadata: metadata,
            protection: protection, at: time)
        if let override {
            let lineage = (try? JSONValue.parse(Data((row["lineage"] as String).utf8))) ?? .object([:])
            try db.execute(
                sql: "UPDATE artifact_version SET lineage = ? WHERE id = ?",
                arguments: [override.appended(to: lineage).canonicalString, versionID])
        }
        try moveAlias(db, collectionID: row["collection_id"], alias: alias, versionID: versionID, at: ISO8601.string(time))
        return override
    }

    /// Points an alias at a version, moving it if it pointed elsewhere.
    func moveAlias(_ db: Database, collectionID: Int64, alias: String, versionID: Int64, at time: String) throws {
        try db.execute(
            sql: """
                INSERT INTO artifact_alias (collection_id, alias, version_id, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (collection_id, alias) DO UPDATE SET version_id = excluded.version_id, updated_at = excluded.updated_at
                """,
            arguments: [collectionID, alias, versionID, time])
    }
}
