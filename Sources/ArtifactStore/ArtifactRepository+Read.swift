import Foundation
import GRDB
import TextFormats

extension ArtifactRepository {
    /// Every collection, by name.
    public func collections() throws -> [ArtifactCollection] {
        try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT c.name, c.type, c.created_at,
                        (SELECT COUNT(*) FROM artifact_version v WHERE v.collection_id = c.id) AS version_count,
                        (SELECT v.number FROM artifact_alias a JOIN artifact_version v ON v.id = a.version_id
                            WHERE a.collection_id = c.id AND a.alias = 'latest') AS latest_number
                    FROM artifact_collection c ORDER BY c.name
                    """
            ).map { row in
                ArtifactCollection(
                    name: row["name"], type: row["type"], createdAt: storedDate(row["created_at"]),
                    versionCount: row["version_count"], latestNumber: row["latest_number"])
            }
        }
    }

    /// The versions of a collection, newest first, without file lists.
    public func versions(of collection: String) throws -> [ArtifactVersionSummary] {
        try ArtifactName.validateName(collection)
        return try writer.read { db in
            guard
                let collectionID = try Int64.fetchOne(
                    db, sql: "SELECT id FROM artifact_collection WHERE name = ?", arguments: [collection])
            else { throw ArtifactStoreError.collectionNotFound(collection) }
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT v.id, v.number, v.digest, v.created_at, v.created_by, v.description,
                        (SELECT COUNT(*) FROM artifact_version_file f WHERE f.version_id = v.id) AS file_count,
                        (SELECT COALESCE(SUM(size), 0) FROM artifact_version_file f WHERE f.version_id = v.id) AS total_size
                    FROM artifact_version v WHERE v.collection_id = ? ORDER BY v.number DESC
                    """, arguments: [collectionID])
            return try rows.map { row in
                ArtifactVersionSummary(
                    collection: collection, number: row["number"], digest: row["digest"],
                    createdAt: storedDate(row["created_at"]), createdBy: row["created_by"],
                    description: row["description"], aliases: try aliases(db, versionID: row["id"]),
                    fileCount: row["file_count"], totalSize: row["total_size"])
            }
        }
    }

    /// The version a reference points to, with files, aliases, metadata and lineage.
    public func resolve(_ reference: ArtifactReference) throws -> ArtifactVersion {
        try writer.read { db in try loadVersion(db, id: try versionID(db, reference)) }
    }

    /// Parses and resolves `NAME:vN` or `NAME:ALIAS`.
    public func resolve(_ reference: String) throws -> ArtifactVersion {
        try resolve(ArtifactReference(parsing: reference))
    }

    /// The bytes of the version's `manifest.json`.
    public func manifestData(_ reference: ArtifactReference) throws -> Data {
        let (blob, _) = try file(reference, path: ArtifactManifest.fileName)
        return try blobs.read(blob.sha256)
    }

    /// A file of a version: its digests and where its bytes are on disk.
    public func file(_ reference: ArtifactReference, path: String) throws -> (BlobRef, URL) {
        let blob: BlobRef = try writer.read { db in
            let id = try versionID(db, reference)
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT sha256, md5, size FROM artifact_version_file WHERE version_id = ? AND path = ?",
                    arguments: [id, path])
            else { throw ArtifactStoreError.fileNotFound(reference: reference.description, path: path) }
            return BlobRef(sha256: row["sha256"], md5: row["md5"], size: row["size"])
        }
        guard blobs.contains(blob.sha256) else { throw ArtifactStoreError.blobMissing(blob.sha256) }
        return (blob, try blobs.url(for: blob.sha256))
    }

    /// Points `alias` at the referenced version (moving it if needed).
    ///
    /// `latest` is refused: it always names the newest commit, and moving it by hand would make it lie.
    /// A protected alias does not move to a version that failed its quality gates unless `protection` forces it
    /// with a reason; the forced move is then appended to the version's lineage in the same transaction.
    @discardableResult
    public func setAlias(
        _ reference: ArtifactReference, alias: String, protection: AliasProtection = .none, at time: Date = Date()
    ) throws -> AliasMove {
        try ArtifactName.validateAlias(alias)
        guard alias != ArtifactName.latest else { throw ArtifactStoreError.reservedAlias(alias) }
        return try immediateWrite { db in
            let id = try versionID(db, reference)
            let override = try guardedMove(db, alias: alias, versionID: id, protection: protection, at: time)
            return AliasMove(version: try loadVersion(db, id: id), override: override)
        }
    }

    /// Records that a consumer used a version (lineage downstream of the export).
    public func recordUse(
        _ reference: ArtifactReference, by consumer: String, details: JSONValue = .object([:]), at time: Date = Date()
    ) throws {
        try immediateWrite { db in
            let id = try versionID(db, reference)
            try db.execute(
                sql: "INSERT INTO artifact_usage (version_id, used_by, used_at, details) VALUES (?, ?, ?, ?)",
                arguments: [id, consumer, ISO8601.string(time), details.canonicalString])
        }
    }

    /// Who used a version, oldest first.
    public func usages(of reference: ArtifactReference) throws -> [ArtifactUsage] {
        try writer.read { db in
            let id = try versionID(db, reference)
            let version = try loadVersion(db, id: id)
            return try Row.fetchAll(
                db, sql: "SELECT used_by, used_at, details FROM artifact_usage WHERE version_id = ? ORDER BY id",
                arguments: [id]
            ).map { row in
                ArtifactUsage(
                    reference: version.reference, usedBy: row["used_by"], usedAt: storedDate(row["used_at"]),
                    details: (try? JSONValue.parse(Data((row["details"] as String).utf8))) ?? .null)
            }
        }
    }

    /// The row id of the version a reference selects.
    func versionID(_ db: Database, _ reference: ArtifactReference) throws -> Int64 {
        guard
            let collectionID = try Int64.fetchOne(
                db, sql: "SELECT id FROM artifact_collection WHERE name = ?", arguments: [reference.name])
        else { throw ArtifactStoreError.collectionNotFound(reference.name) }
        let id: Int64?
        switch reference.selector {
        case .version(let number):
            id = try Int64.fetchOne(
                db, sql: "SELECT id FROM artifact_version WHERE collection_id = ? AND number = ?",
                arguments: [collectionID, number])
        case .alias(let alias):
            id = try Int64.fetchOne(
                db, sql: "SELECT version_id FROM artifact_alias WHERE collection_id = ? AND alias = ?",
                arguments: [collectionID, alias])
        }
        guard let id else { throw ArtifactStoreError.versionNotFound(reference.description) }
        return id
    }

    /// Loads a full version by row id.
    func loadVersion(_ db: Database, id: Int64) throws -> ArtifactVersion {
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT c.name, c.type, v.* FROM artifact_version v JOIN artifact_collection c ON c.id = v.collection_id
                    WHERE v.id = ?
                    """, arguments: [id])
        else { throw ArtifactStoreError.versionNotFound("#\(id)") }
        let files = try Row.fetchAll(
            db, sql: "SELECT path, sha256, md5, size FROM artifact_version_file WHERE version_id = ?", arguments: [id]
        ).map { ArtifactFile(path: $0["path"], blob: BlobRef(sha256: $0["sha256"], md5: $0["md5"], size: $0["size"])) }
        return ArtifactVersion(
            collection: row["name"], type: row["type"], number: row["number"], digest: row["digest"],
            wandbDigest: row["wandb_digest"], createdAt: storedDate(row["created_at"]),
            createdBy: row["created_by"],
            description: row["description"], metadata: Self.json(row["metadata"]), lineage: Self.json(row["lineage"]),
            aliases: try aliases(db, versionID: id), files: files.sortedByPath())
    }

    private func aliases(_ db: Database, versionID: Int64) throws -> [String] {
        try String.fetchAll(
            db, sql: "SELECT alias FROM artifact_alias WHERE version_id = ? ORDER BY alias", arguments: [versionID])
    }

    private static func json(_ text: String) -> JSONValue {
        (try? JSONValue.parse(Data(text.utf8))) ?? .null
    }
}

/// A time stored by this store (`ISO8601.string`); unknown text becomes the epoch rather than failing a read.
private func storedDate(_ text: String) -> Date {
    ISO8601.parse(Array(text.utf8)) ?? Date(timeIntervalSince1970: 0)
}
