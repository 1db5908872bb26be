import Foundation

/// What a caller asks to commit: files already in the blob store, plus metadata, lineage and aliases.
public struct VersionDraft: Sendable {
    public var collection: String
    public var type: String
    /// The data files; `manifest.json` and `wandb_manifest.json` are generated and must not be listed.
    public var files: [ArtifactFile]
    public var metadata: JSONValue
    public var lineage: JSONValue
    /// Aliases to point at the version; `latest` is managed by the store and ignored here.
    public var aliases: [String]
    /// Which of `aliases` need the version to pass its quality gates, and a forced move past that.
    public var protection: AliasProtection
    public var createdBy: String
    public var description: String?
    /// Commit time; injectable so exports and tests can be byte-for-byte reproducible.
    public var createdAt: Date

    /// Creates a draft.
    public init(
        collection: String, type: String = "dataset", files: [ArtifactFile], metadata: JSONValue = .object([:]),
        lineage: JSONValue = .object([:]), aliases: [String] = [], protection: AliasProtection = .none, createdBy: String,
        description: String? = nil,
        createdAt: Date = Date()
    ) {
        self.collection = collection
        self.type = type
        self.files = files
        self.metadata = metadata
        self.lineage = lineage
        self.aliases = aliases
        self.protection = protection
        self.createdBy = createdBy
        self.description = description
        self.createdAt = createdAt
    }
}
