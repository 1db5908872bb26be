import Foundation

/// What `verify` found when checking a folder against its manifests.
public struct VerificationReport: Codable, Sendable, Hashable {
    /// A listed file whose bytes differ from the manifest.
    public struct Mismatch: Codable, Sendable, Hashable {
        public var path: String
        public var reason: String
    }

    /// Files listed and checked.
    public var checkedFiles: Int
    /// Listed in a manifest, absent from the folder.
    public var missing: [String]
    /// Present but with a different size, SHA-256 or MD5 (or not a regular file).
    public var modified: [Mismatch]
    /// In the folder but in neither manifest.
    public var extra: [String]
    /// Disagreements between `manifest.json` and `wandb_manifest.json`.
    public var manifestProblems: [String]

    /// True when nothing is missing, modified or extra and the manifests agree.
    public var isValid: Bool {
        missing.isEmpty && modified.isEmpty && extra.isEmpty && manifestProblems.isEmpty
    }

    /// One line per problem, or `OK` with the file count.
    public func renderText() -> String {
        if isValid { return "OK: \(checkedFiles) files match manifest.json and wandb_manifest.json" }
        var lines: [String] = []
        lines += missing.map { "missing: \($0)" }
        lines += modified.map { "modified: \($0.path) (\($0.reason))" }
        lines += extra.map { "extra: \($0)" }
        lines += manifestProblems.map { "manifest: \($0)" }
        return lines.joined(separator: "\n")
    }
}
