import Crypto
import Foundation
import TextFormats

/// `manifest.json`: the version's own description of every data file, with metadata and lineage.
public struct ArtifactManifest: Codable, Sendable, Hashable {
    /// One listed file.
    public struct File: Codable, Sendable, Hashable {
        public var path: String
        public var size: Int64
        public var sha256: String
        public var md5: String

        /// Creates an entry.
        public init(path: String, size: Int64, sha256: String, md5: String) {
            self.path = path
            self.size = size
            self.sha256 = sha256
            self.md5 = md5
        }

        /// The entry of a stored file.
        public init(_ file: ArtifactFile) {
            self.init(path: file.path, size: file.blob.size, sha256: file.blob.sha256, md5: file.blob.md5)
        }

        /// The digests as a blob reference.
        public var blob: BlobRef { BlobRef(sha256: sha256, md5: md5, size: size) }
    }

    /// File name of this manifest inside a version.
    public static let fileName = "manifest.json"
    /// Paths the store generates, which neither manifest lists.
    public static let reservedPaths: Set<String> = [fileName, WandbManifest.fileName]

    public var name: String
    /// `vN`.
    public var version: String
    public var digest: String
    public var createdAt: String
    /// Aliases given at commit time (aliases move later; the store is the authority for where they point now).
    public var aliases: [String]
    public var files: [File]
    public var metadata: JSONValue
    public var lineage: JSONValue

    enum CodingKeys: String, CodingKey {
        case name, version, digest, aliases, files, metadata, lineage
        case createdAt = "created_at"
    }

    /// Creates a manifest; files are sorted by path.
    public init(
        name: String, version: String, digest: String, createdAt: String, aliases: [String], files: [File],
        metadata: JSONValue, lineage: JSONValue
    ) {
        self.name = name
        self.version = version
        self.digest = digest
        self.createdAt = createdAt
        self.aliases = aliases
        self.files = files.sorted { $0.path.unicodeScalars.lexicographicallyPrecedes($1.path.unicodeScalars) }
        self.metadata = metadata
        self.lineage = lineage
    }

    /// What `version` says in the manifest of files written to a folder without being committed.
    public static let draftVersion = "draft"

    /// The manifest of files written straight to a folder (`export --to DIR`): the content digest a
    /// version of them would have, but no version number and no aliases, since none was made.
    public static func draft(
        name: String, files: [ArtifactFile], metadata: JSONValue, lineage: JSONValue, createdAt: Date
    )
        -> ArtifactManifest
    {
        ArtifactManifest(
            name: name, version: draftVersion, digest: contentDigest(of: files), createdAt: ISO8601.string(createdAt),
            aliases: [],
            files: files.map(File.init),
            metadata: metadata, lineage: lineage)
    }

    /// Parses `manifest.json`, checking that every path is safe and listed once.
    public static func parse(_ data: Data) throws -> ArtifactManifest {
        let manifest: ArtifactManifest
        do {
            manifest = try JSONDecoder().decode(ArtifactManifest.self, from: data)
        } catch {
            throw ArtifactStoreError.invalidManifest("manifest.json does not parse: \(error)")
        }
        var seen = Set<String>()
        for file in manifest.files {
            try ArtifactName.validatePath(file.path)
            guard !reservedPaths.contains(file.path), seen.insert(file.path).inserted,
                Hex.isLowercaseHex(file.sha256, length: 64), Hex.isLowercaseHex(file.md5, length: 32), file.size >= 0
            else {
                throw ArtifactStoreError.invalidManifest("bad or duplicate entry for \(file.path.debugDescription)")
            }
        }
        return manifest
    }

    /// Deterministic bytes: fixed key order, 2-space indent, ASCII-only, trailing newline.
    public func encoded() -> Data {
        let node = JSONNode.object([
            ("name", .string(name)),
            ("version", .string(version)),
            ("digest", .string(digest)),
            ("created_at", .string(createdAt)),
            ("aliases", .array(aliases.map { .string($0) })),
            (
                "files",
                .array(
                    files.map {
                        .object([
                            ("path", .string($0.path)), ("size", .int($0.size)),
                            ("sha256", .string($0.sha256)), ("md5", .string($0.md5)),
                        ])
                    })
            ),
            ("metadata", JSONNode(metadata)),
            ("lineage", JSONNode(lineage)),
        ])
        return Data((node.render(indent: 2) + "\n").utf8)
    }

    /// `sha256:` + hex SHA-256 of the sorted `path:sha256\n` lines: the content identity of a version.
    public static func contentDigest(of files: [ArtifactFile]) -> String {
        var hasher = SHA256()
        for file in files.sortedByPath() {
            hasher.update(data: Data("\(file.path):\(file.blob.sha256)\n".utf8))
        }
        return "sha256:" + Hex.string(hasher.finalize())
    }
}
