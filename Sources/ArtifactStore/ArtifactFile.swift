import Foundation

/// One file of a version: its path inside the artifact and the blob holding its bytes.
public struct ArtifactFile: Codable, Sendable, Hashable {
    public var path: String
    public var blob: BlobRef

    /// Creates a file entry.
    public init(path: String, blob: BlobRef) {
        self.path = path
        self.blob = blob
    }
}

extension Array where Element == ArtifactFile {
    /// Sorted by path in code-point order, as W&B and Python sort.
    func sortedByPath() -> [ArtifactFile] {
        sorted { $0.path.unicodeScalars.lexicographicallyPrecedes($1.path.unicodeScalars) }
    }
}
