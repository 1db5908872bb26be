import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Everything that can go wrong in the artifact store, with messages fit for a CLI or a log.
public enum ArtifactStoreError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
    /// A system call failed; `code` is the `errno` (ENOSPC, EIO, …).
    case io(operation: String, path: String, code: Int32)
    case invalidName(String)
    case invalidAlias(String)
    case reservedAlias(String)
    case invalidReference(String)
    case invalidPath(String)
    case invalidDigest(String)
    case collectionNotFound(String)
    case versionNotFound(String)
    case fileNotFound(reference: String, path: String)
    case blobMissing(String)
    case typeMismatch(collection: String, existing: String, requested: String)
    case invalidManifest(String)
    /// A downloaded or stored file does not match its manifest.
    case integrity(path: String, reason: String)
    case destinationNotEmpty(String)
    case invalidLine(file: String, line: Int, reason: String)
    /// A protected alias was to move to a version whose quality gates failed, unforced; `checks` are the failed ones.
    case gatesFailed(reference: String, alias: String, checks: [String])
    /// A forced move of a protected alias gave no reason.
    case overrideWithoutReason(alias: String)

    public var description: String {
        switch self {
        case .io(let operation, let path, let code):
            return "\(operation) failed for \(path): \(String(cString: strerror(code))) (errno \(code))"
        case .invalidName(let name):
            return "invalid artifact name \(name.debugDescription): use 1-128 characters from A-Z a-z 0-9 _ . -"
        case .invalidAlias(let alias):
            return
                "invalid alias \(alias.debugDescription): use 1-128 characters from A-Z a-z 0-9 _ . - and not v<number>"
        case .reservedAlias(let alias):
            return "alias \(alias.debugDescription) is managed by the store and cannot be set by hand"
        case .invalidReference(let ref):
            return "invalid artifact reference \(ref.debugDescription): expected NAME:vN or NAME:ALIAS"
        case .invalidPath(let path):
            return "invalid file path \(path.debugDescription) in artifact"
        case .invalidDigest(let digest):
            return "invalid SHA-256 digest \(digest.debugDescription)"
        case .collectionNotFound(let name):
            return "no artifact collection named \(name.debugDescription)"
        case .versionNotFound(let ref):
            return "no artifact version \(ref)"
        case .fileNotFound(let ref, let path):
            return "artifact \(ref) has no file \(path.debugDescription)"
        case .blobMissing(let digest):
            return "blob sha256:\(digest) is not in the blob store"
        case .typeMismatch(let collection, let existing, let requested):
            return "collection \(collection) has type \(existing), not \(requested)"
        case .invalidManifest(let reason):
            return "invalid manifest: \(reason)"
        case .integrity(let path, let reason):
            return "integrity check failed for \(path): \(reason)"
        case .destinationNotEmpty(let path):
            return "destination \(path) exists and is not empty"
        case .invalidLine(let file, let line, let reason):
            return "\(file) line \(line): \(reason)"
        case .gatesFailed(let reference, let alias, let checks):
            return
                "alias \(alias) is protected and \(reference) failed its quality gates (\(checks.joined(separator: ", "))); "
                + "point it at a version that passes, or force the move with a reason"
        case .overrideWithoutReason(let alias):
            return "reason: forcing protected alias \(alias) onto a version that failed its quality gates needs a reason"
        }
    }

    public var errorDescription: String? { description }
}
