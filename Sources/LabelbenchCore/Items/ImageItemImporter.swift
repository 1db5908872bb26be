import ArtifactStore
import Crypto
import Foundation

/// A file as uploaded: its name and bytes.
public struct UploadedFile: Sendable {
    public var name: String
    public var data: Data

    public init(name: String, data: Data) {
        self.name = name
        self.data = data
    }
}

/// Turns uploaded images, zips and item lists that name images into item drafts whose images
/// are checked and stored in the blob store.
///
/// Every image is read and inspected before any blob is written, so a bad file refuses the
/// whole upload before it stores anything. Blobs are never removed here: once written, a concurrent
/// upload of the same bytes may rely on them (see `ItemUploadImport`).
public struct ImageItemImporter: Sendable {
    public let blobs: BlobStore
    public let limits: ImageLimits

    public init(blobs: BlobStore, limits: ImageLimits) {
        self.blobs = blobs
        self.limits = limits
    }

    /// What the importer produced: drafts ready for `importItems`, images skipped as duplicates,
    /// and archive entries skipped because they are neither images nor item lists, each with why.
    public struct Prepared: Sendable {
        public var drafts: [ItemDraft]
        public var duplicates: [String]
        public var skipped: [String]
    }

    /// Resolves `listDrafts` (parsed from loose JSONL/CSV files) and `files` (images and zips).
    /// `existing` maps image digests already in the task to their item id.
    public func prepare(listDrafts: [ItemDraft], files: [UploadedFile], existing: [String: String]) throws -> Prepared {
        let total = files.reduce(0) { $0 + $1.data.count }
        if total > limits.maxRequestBytes {
            throw DomainError.invalid("the upload is \(total) bytes; the limit is \(limits.maxRequestBytes)")
        }
        var sources: [any ImageSource] = []
        var temporaries: [URL] = []
        defer { for url in temporaries { try? FileManager.default.removeItem(at: url) } }
        var looseImages: [String: Data] = [:]
        for file in files {
            if Self.isZip(file.data) {
                let url = FileManager.default.temporaryDirectory.appendingPathComponent(
                    "labelbench-upload-\(UUID().uuidString).zip")
                try file.data.write(to: url)
                temporaries.append(url)
                sources.append(try wrap { try ZipImageSource(url: url, name: file.name, limits: limits) })
            } else {
                if file.data.count > limits.maxFileBytes {
                    throw DomainError.invalid(
                        "\(file.name): \(file.data.count) bytes is over the \(limits.maxFileBytes)-byte limit per image")
                }
                looseImages[file.name] = file.data
            }
        }
        var pending: [Pending] = []
        var lists = listDrafts
        // Entries an item list names, by source, so the ones no list names can be reported.
        var named: [Set<String>] = sources.map { _ in [] }
        var namedLoose: Set<String> = []
        for (index, source) in sources.enumerated() {
            for listPath in source.itemListPaths {
                let data = try wrap { try source.data(for: listPath) }
                for var draft in try ItemFileParser.parse(data, fileName: source.label(for: listPath)) {
                    if case .imagePath(let reference) = draft.content {
                        let path = try wrap {
                            try source.resolveImageReference(reference, listPath: listPath, context: draft.origin.description)
                        }
                        named[index].insert(path)
                        draft.content = .imagePath("\(sources.count):\(path)")
                        pending.append(Pending(draft: draft, name: source.label(for: path), load: { try source.data(for: path) }))
                    } else {
                        lists.append(draft)
                    }
                }
            }
        }
        for draft in lists {
            guard case .imagePath(let reference) = draft.content else {
                pending.append(Pending(draft: draft, name: draft.origin.description, load: { Data() }))
                continue
            }
            if let data = looseImages[(reference as NSString).lastPathComponent] {
                namedLoose.insert((reference as NSString).lastPathComponent)
                pending.append(Pending(draft: draft, name: reference, load: { data }))
            } else if let index = sources.firstIndex(where: {
                (try? $0.resolveImageReference(reference, context: draft.origin.description)) != nil
            }) {
                let source = sources[index]
                let path = try wrap { try source.resolveImageReference(reference, context: draft.origin.description) }
                named[index].insert(path)
                pending.append(Pending(draft: draft, name: source.label(for: path), load: { try source.data(for: path) }))
            } else {
                throw DomainError.invalid("\(draft.origin): image \"\(reference)\" is not among the uploaded files")
            }
        }
        var skipped: [String] = []
        // Without an item list, every image becomes an item named by its path. Whether an entry is an image is
        // decided by its bytes: one with an image extension must be an image, any other is skipped unless it is.
        if lists.isEmpty && pending.isEmpty {
            for source in sources {
                let (itemLists, imagesByName) = (Set(source.itemListPaths), Set(source.imagePaths))
                for path in source.filePaths where !itemLists.contains(path) {
                    let draft = ItemDraft(externalID: path, content: .imagePath(path), origin: .named(source.label(for: path)))
                    pending.append(
                        Pending(
                            draft: draft, name: source.label(for: path), skipUnlessImage: !imagesByName.contains(path),
                            load: { try source.data(for: path) }))
                }
            }
            for (name, data) in looseImages.sorted(by: { $0.key < $1.key }) {
                pending.append(
                    Pending(
                        draft: ItemDraft(externalID: name, content: .imagePath(name), origin: .named(name)), name: name,
                        load: { data }))
            }
        } else {
            for name in looseImages.keys.sorted() where !namedLoose.contains(name) {
                skipped.append("\(name): not named in an item list")
            }
            for (index, source) in sources.enumerated() {
                let itemLists = Set(source.itemListPaths)
                for path in source.filePaths where !named[index].contains(path) && !itemLists.contains(path) {
                    skipped.append("\(source.label(for: path)): not named in an item list")
                }
            }
        }
        var prepared = try store(pending, existing: existing)
        prepared.skipped = skipped + prepared.skipped
        return prepared
    }

    /// Whether `data` is a zip archive, by its signature (a local file header, or the end record of an empty one).
    static func isZip(_ data: Data) -> Bool {
        data.starts(with: [0x50, 0x4B, 0x03, 0x04]) || data.starts(with: [0x50, 0x4B, 0x05, 0x06])
    }

    /// An image item waiting to be checked and stored; its bytes are read on demand so a large
    /// zip is never held in memory whole.
    private struct Pending {
        var draft: ItemDraft
        var name: String
        /// An archive entry without an image extension: imported if its bytes are an image, else reported as skipped.
        var skipUnlessImage = false
        var load: () throws -> Data
    }

    /// Checks every image first (nothing is written if any is bad), then stores them one at a time.
    private func store(_ pending: [Pending], existing: [String: String]) throws -> Prepared {
        var checked: [(entry: Pending, digest: String, info: ImageInfo)] = []
        var prepared = Prepared(drafts: [], duplicates: [], skipped: [])
        var seen = existing
        for entry in pending {
            guard case .imagePath = entry.draft.content else {
                prepared.drafts.append(entry.draft)
                continue
            }
            let data = try wrap(entry.load)
            if entry.skipUnlessImage && ImageInspector.sniff(data) == nil {
                prepared.skipped.append("\(entry.name): not a PNG, JPEG, GIF or WebP image")
                continue
            }
            let info = try wrap { try ImageInspector.inspect(data, name: entry.name, limits: limits) }
            let digest = SHA256.hash(data: data).hexString
            if let earlier = seen[digest] {
                prepared.duplicates.append("\(entry.draft.origin): same image as item \(earlier)")
                continue
            }
            seen[digest] = entry.draft.externalID
            checked.append((entry, digest, info))
        }
        for (entry, digest, info) in checked {
            let ref = try blobs.put(try wrap(entry.load))
            guard ref.sha256 == digest else {
                throw DomainError.invalid("\(entry.name): the file changed while it was being imported")
            }
            var stored = entry.draft
            stored.content = .image(
                StoredImage(sha256: ref.sha256, mimeType: info.format.mimeType, width: info.width, height: info.height))
            prepared.drafts.append(stored)
        }
        return prepared
    }

    /// Image errors become domain errors (422) with the message that names the file.
    private func wrap<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ImageImportError {
            throw DomainError.invalid(error.description)
        }
    }
}
