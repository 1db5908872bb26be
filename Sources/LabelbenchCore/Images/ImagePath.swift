/// Normalises the relative paths found in archives, folders and item JSONL, refusing any that could escape.
///
/// Paths inside uploads are never trusted (quality bar rule 8): absolute paths, drive letters and `..`
/// components are refused, and backslashes count as separators so `a\..\..\x` cannot slip through.
public enum ImagePath {
    /// Returns `path` as `a/b/c.jpg` (no `.`, empty or trailing components).
    ///
    /// - Parameter file: what to name in the error, e.g. `photos.zip entry "../evil.png"`.
    /// - Throws: `ImageImportError` of kind `.unsafePath` for empty, absolute or `..` paths and NUL bytes.
    public static func normalize(_ path: String, file: String) throws -> String {
        func refuse(_ reason: String) -> ImageImportError {
            ImageImportError(file: file, kind: .unsafePath, reason: reason)
        }
        guard !path.contains("\0") else { throw refuse("path contains a NUL byte") }
        let slashed = path.replacingOccurrences(of: "\\", with: "/")
        guard !slashed.hasPrefix("/") else { throw refuse("absolute paths are not allowed") }
        // "C:/x" or "C:x" is absolute (or drive-relative) on Windows.
        if slashed.count >= 2, slashed.first?.isLetter == true, slashed.dropFirst().first == ":" {
            throw refuse("paths with a drive letter are not allowed")
        }
        var components: [Substring] = []
        for component in slashed.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..": throw refuse("path contains \"..\" and could point outside its folder")
            default: components.append(component)
            }
        }
        guard !components.isEmpty else { throw refuse("path is empty") }
        return components.joined(separator: "/")
    }

    /// Whether `path` (normalised) is operating-system clutter rather than content: `__MACOSX/…`, `.DS_Store`,
    /// AppleDouble `._name` files, `Thumbs.db` and `desktop.ini`.
    public static func isClutter(_ path: String) -> Bool {
        if path == "__MACOSX" || path.hasPrefix("__MACOSX/") { return true }
        let base = path.split(separator: "/").last.map(String.init) ?? path
        return base == ".DS_Store" || base.hasPrefix("._") || base == "Thumbs.db" || base == "desktop.ini"
    }

    /// The lower-cased extension of the last component, without the dot ("" when there is none).
    static func fileExtension(_ path: String) -> String {
        let base = path.split(separator: "/").last ?? Substring(path)
        guard let dot = base.lastIndex(of: "."), dot != base.startIndex else { return "" }
        return base[base.index(after: dot)...].lowercased()
    }
}
