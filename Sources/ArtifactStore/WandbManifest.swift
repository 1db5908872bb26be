import Crypto
import Foundation

/// `wandb_manifest.json` in W&B's own format (manifest v1), so a version folder can be logged to W&B as is.
public enum WandbManifest {
    /// File name W&B uses.
    public static let fileName = "wandb_manifest.json"

    /// The manifest bytes exactly as W&B writes them: `json.dump(manifest.to_manifest_json(), fp, indent=4)`
    /// (keys in W&B's order, contents sorted by path, 4-space indent, ASCII escapes, no trailing newline).
    public static func encode(_ files: [ArtifactFile]) -> Data {
        let contents = files.sortedByPath().map { file -> (String, JSONNode) in
            // W&B's entry key order is digest, ref, birthArtifactID, size, extra; we only ever have digest and size.
            (file.path, .object([("digest", .string(file.blob.md5Base64)), ("size", .int(file.blob.size))]))
        }
        let node = JSONNode.object([
            ("version", .int(1)),
            ("storagePolicy", .string("wandb-storage-policy-v1")),
            ("storagePolicyConfig", .object([("storageLayout", .string("V2"))])),
            ("contents", .object(contents)),
        ])
        return Data(node.render(indent: 4).utf8)
    }

    /// W&B's version digest: hex MD5 of `wandb-artifact-manifest-v1\n` then `PATH:DIGEST\n` per entry by path.
    public static func versionDigest(_ files: [ArtifactFile]) -> String {
        var hasher = Insecure.MD5()
        hasher.update(data: Data("wandb-artifact-manifest-v1\n".utf8))
        for file in files.sortedByPath() {
            hasher.update(data: Data("\(file.path):\(file.blob.md5Base64)\n".utf8))
        }
        return Hex.string(hasher.finalize())
    }

    /// Parses a W&B manifest into path → (base64 MD5, size); refuses unsafe paths.
    public static func parse(_ data: Data) throws -> [String: (digest: String, size: Int64?)] {
        guard case .object(let root) = try? JSONValue.parse(data), case .object(let contents)? = root["contents"] else {
            throw ArtifactStoreError.invalidManifest("wandb_manifest.json has no contents object")
        }
        var entries: [String: (digest: String, size: Int64?)] = [:]
        for (path, entry) in contents {
            try ArtifactName.validatePath(path)
            guard case .string(let digest)? = entry["digest"] else {
                throw ArtifactStoreError.invalidManifest(
                    "wandb_manifest.json entry \(path.debugDescription) has no digest")
            }
            var size: Int64?
            if case .int(let value)? = entry["size"] { size = value }
            entries[path] = (digest, size)
        }
        return entries
    }
}
