import Foundation

/// The outcome of a commit: the version (new or the identical existing one).
public struct CommitResult: Sendable {
    public var version: ArtifactVersion
    /// False when identical content already existed and was returned instead.
    public var isNew: Bool
}
