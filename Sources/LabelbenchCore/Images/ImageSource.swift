import Foundation

/// A set of files to import images from: a zip archive (`ZipImageSource`) or a folder (`FolderImageSource`).
///
/// Conforming types validate the whole listing (paths, entry counts, declared sizes) when they are created,
/// so an importer can refuse a bad upload before it stores anything.
public protocol ImageSource {
    /// The name shown in messages, e.g. `photos.zip`.
    var name: String { get }
    /// The limits applied to every file read.
    var limits: ImageLimits { get }
    /// Normalised paths of the regular files, sorted, with clutter such as `__MACOSX/` left out.
    var filePaths: [String] { get }
    /// Whether `path` (normalised) is one of `filePaths`.
    func contains(_ path: String) -> Bool
    /// The bytes of the file at the normalised `path`, read within `limits`.
    func data(for path: String) throws -> Data
    /// How to name the file at `path` in a message, e.g. `photos.zip entry "a/b.jpg"`.
    func label(for path: String) -> String
}

extension ImageSource {
    /// Files whose name ends in an image extension (png, jpg, jpeg, jpe, gif, webp). Their bytes still decide.
    public var imagePaths: [String] {
        filePaths.filter { ImageFormat.nameExtensions.contains(ImagePath.fileExtension($0)) }
    }

    /// Item lists (`.jsonl`, `.csv`) that may name the images, e.g. `items.jsonl` beside them.
    public var itemListPaths: [String] {
        filePaths.filter { ["jsonl", "csv"].contains(ImagePath.fileExtension($0)) }
    }

    /// Files that are neither images nor item lists; an importer should report them rather than drop them silently.
    public var otherPaths: [String] {
        let known = Set(imagePaths).union(itemListPaths)
        return filePaths.filter { !known.contains($0) }
    }

    /// Reads the file at `path` and checks that it is an acceptable image.
    ///
    /// - Throws: `ImageImportError` naming the entry, from the read or from `ImageInspector`.
    public func image(at path: String) throws -> LoadedImage {
        let data = try data(for: path)
        let info = try ImageInspector.inspect(data, name: label(for: path), limits: limits)
        return LoadedImage(path: path, data: data, info: info)
    }

    /// Finds the file that an item JSONL's `"image": "…"` value names.
    ///
    /// The reference is normalised (`./a.jpg` → `a.jpg`, `a\b.jpg` → `a/b.jpg`) and refused if absolute or
    /// containing `..`. A list inside the source (`listPath`) is read relative to its own folder first, then to
    /// the root, so both `photos/items.jsonl` naming `a.jpg` and a list beside the zip naming `photos/a.jpg` work.
    ///
    /// - Parameters:
    ///   - reference: the value of `"image"`.
    ///   - listPath: the normalised path of the list inside this source, or nil for a list beside it.
    ///   - context: what to name in errors, e.g. `items.jsonl line 4`.
    /// - Returns: the normalised path of an existing file.
    public func resolveImageReference(
        _ reference: String, listPath: String? = nil, context: String
    ) throws
        -> String
    {
        let path = try ImagePath.normalize(reference, file: context)
        var candidates = [path]
        if let listPath, let slash = listPath.lastIndex(of: "/") {
            candidates.insert(listPath[..<slash] + "/" + path, at: 0)
        }
        guard let found = candidates.first(where: contains) else {
            throw ImageImportError(
                file: context, kind: .notFound, reason: "image \"\(reference)\" is not in \(name)")
        }
        return found
    }
}
