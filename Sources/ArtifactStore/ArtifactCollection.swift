import Foundation

/// A named series of versions of one type.
public struct ArtifactCollection: Codable, Sendable, Hashable {
    public var name: String
    public var type: String
    public var createdAt: Date
    public var versionCount: Int
    /// The number `latest` points to, if any version exists.
    public var latestNumber: Int?
}
