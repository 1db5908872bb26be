import Foundation

/// Validation rules for collection names, aliases and file paths (W&B's rules, plus path safety).
public enum ArtifactName {
    /// The longest name or alias accepted, as in W&B.
    public static let maxLength = 128
    /// The alias the store moves to every new version.
    public static let latest = "latest"

    /// True for `^[A-Za-z0-9_.-]+$` of at most 128 characters.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= maxLength && name.utf8.allSatisfy(isNameByte)
            && name != "." && name != ".."
    }

    /// True for a valid alias: name characters (so never `/` or `:`), and not `v<number>`, which reads as a version.
    public static func isValidAlias(_ alias: String) -> Bool {
        isValidName(alias) && !looksLikeVersion(alias)
    }

    /// Throws unless `name` is a valid collection name.
    public static func validateName(_ name: String) throws {
        guard isValidName(name) else { throw ArtifactStoreError.invalidName(name) }
    }

    /// Throws unless `alias` is a valid alias.
    public static func validateAlias(_ alias: String) throws {
        guard isValidAlias(alias) else { throw ArtifactStoreError.invalidAlias(alias) }
    }

    /// Throws unless `path` is a safe relative path: `/`-separated, no empty, `.` or `..` parts, no NUL or backslash.
    public static func validatePath(_ path: String) throws {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        let safe =
            !path.isEmpty && path.utf8.count <= 1024
            && !path.utf8.contains(0) && !path.contains("\\")
            && parts.allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }
        guard safe else { throw ArtifactStoreError.invalidPath(path) }
    }

    /// True for `v` followed by digits (including `v01`), which must never be an alias.
    static func looksLikeVersion(_ text: String) -> Bool {
        text.hasPrefix("v") && text.utf8.count > 1 && text.utf8.dropFirst().allSatisfy { (0x30...0x39).contains($0) }
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }
}
