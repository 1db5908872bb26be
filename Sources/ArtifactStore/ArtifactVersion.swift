import Foundation
import TextFormats

/// A committed, immutable version with its files, aliases, metadata and lineage.
public struct ArtifactVersion: Codable, Sendable, Hashable {
    public var collection: String
    public var type: String
    public var number: Int
    /// `sha256:` over the sorted `path:sha256` lines of the data files.
    public var digest: String
    /// W&B's version digest (hex MD5 over `wandb-artifact-manifest-v1` and `path:md5base64` lines).
    public var wandbDigest: String
    public var createdAt: Date
    public var createdBy: String
    public var description: String?
    public var metadata: JSONValue
    public var lineage: JSONValue
    /// Aliases pointing here now, sorted.
    public var aliases: [String]
    /// Every file, including `manifest.json` and `wandb_manifest.json`, sorted by path.
    public var files: [ArtifactFile]

    /// `NAME:vN`.
    public var reference: String { "\(collection):v\(number)" }

    /// The quality gate results its metadata records, if any.
    public var gates: GateResults? { GateResults(metadata: metadata) }

    /// Forced moves of protected aliases onto it, oldest first (`lineage.overrides`).
    public var overrides: [AliasOverride] { AliasOverride.all(in: lineage) }

    /// The version as `manifest.json` describes it, with the aliases that point at it now and its lineage as
    /// stored now (overrides recorded after the commit included): what `artifacts show` prints.
    public var currentManifest: ArtifactManifest {
        ArtifactManifest(
            name: collection, version: "v\(number)", digest: digest, createdAt: ISO8601.string(createdAt), aliases: aliases,
            files: dataFiles.map(ArtifactManifest.File.init),
            metadata: metadata, lineage: lineage)
    }

    /// The files the manifests describe (all but the two manifests).
    public var dataFiles: [ArtifactFile] {
        files.filter { !ArtifactManifest.reservedPaths.contains($0.path) }
    }
}
