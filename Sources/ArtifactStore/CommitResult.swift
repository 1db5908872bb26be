import Foundation

/// The outcome of a commit: the version (new or the identical existing one).
public struct CommitResult: Sendable {
    public var version: ArtifactVersion
    /// False when identical content already existed and was returned instead.
    public var isNew: Bool
    /// Protected aliases this commit moved by force onto a version that failed its gates.
    public var overrides: [AliasOverride] = []
}

/// The outcome of moving an alias: the version it points at now, and the override if the move was forced.
public struct AliasMove: Sendable {
    public var version: ArtifactVersion
    public var override: AliasOverride?
}
