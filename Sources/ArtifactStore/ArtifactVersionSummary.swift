import Foundation

/// A version as listed: no file list, so listing stays cheap for versions with many images.
public struct ArtifactVersionSummary: Codable, Sendable, Hashable {
    public var collection: String
    public var number: Int
    public var digest: String
    public var createdAt: Date
    public var createdBy: String
    public var description: String?
    public var aliases: [String]
    public var fileCount: Int
    public var totalSize: Int64

    /// `NAME:vN`.
    public var reference: String { "\(collection):v\(number)" }
}
