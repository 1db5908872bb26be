import Foundation

/// What a garbage collection removed (or would remove, on a dry run).
public struct GCReport: Codable, Sendable, Hashable {
    public var dryRun: Bool
    public var removedBlobs: Int
    public var removedBytes: Int64
    public var keptBlobs: Int
    public var removedTempFiles: Int
    /// The removed digests, sorted, for `--dry-run` listings.
    public var removedDigests: [String]
}
