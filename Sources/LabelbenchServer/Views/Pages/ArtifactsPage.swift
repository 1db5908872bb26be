import ArtifactStore
import Foundation

/// `/artifacts`: every collection with its versions, aliases and headline metadata.
struct ArtifactsPage {
    let chrome: Chrome
    let collections: [Collection]
    /// Stored, not computed: Mustache reads stored properties only.
    let hasCollections: Bool

    init(chrome: Chrome, collections: [Collection]) {
        self.chrome = chrome
        self.collections = collections
        hasCollections = !collections.isEmpty
    }

    struct Collection {
        let name: String
        let type: String
        let versions: [Version]
    }

    struct Version {
        let reference: String
        let url: String
        let createdAt: String
        let createdBy: String
        let aliases: String
        let files: Int
        let size: String
        let digest: String
        let metadata: [Entry]
    }

    struct Entry {
        let key: String
        let value: String
    }

    /// Metadata keys worth a glance; the manifest has the rest.
    static let shownKeys = [
        "items", "annotations", "annotators", "guideline_version", "aggregation_method", "krippendorff_alpha", "alpha_ci95",
    ]

    static func entries(_ metadata: JSONValue) -> [Entry] {
        shownKeys.compactMap { key in
            guard let value = metadata[key], value != .null else { return nil }
            return Entry(key: key.replacingOccurrences(of: "_", with: " "), value: ArtifactVersionPage.text(value))
        }
    }

    /// The headline metadata of a version, with its quality gate verdict and any forced protected alias.
    static func entries(_ version: ArtifactVersion) -> [Entry] {
        var shown = entries(version.metadata)
        if let gates = version.gates {
            shown.append(
                Entry(key: "gates", value: gates.passed ? "passed" : "failed (\(gates.failedChecks.joined(separator: ", ")))"))
        }
        let forced = version.overrides.map(\.alias)
        if !forced.isEmpty { shown.append(Entry(key: "forced", value: forced.joined(separator: ", "))) }
        return shown
    }

    static func size(_ bytes: Int64) -> String {
        ByteCountFormatter.string(fromByteCount: bytes, countStyle: .file)
    }
}
