import Foundation

/// A record that a consumer (a training run, a person) used a version.
public struct ArtifactUsage: Codable, Sendable, Hashable {
    public var reference: String
    public var usedBy: String
    public var usedAt: Date
    public var details: JSONValue
}
