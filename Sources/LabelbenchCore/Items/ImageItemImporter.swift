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
/// whole upload and leaves nothing behind.
public struct ImageItemImporter: Sendable {
    public let blobs: BlobStore
    public let limits: ImageLimits

    public init(blobs: BlobStore, limits: ImageLimits) {
        self.blobs = blobs
        self.limits = limits
    }

    /// What the importer produced: drafts ready for `importItems`, images skipped as duplicates,
    /// and the blobs written now (removed again by the caller if the database refuses the import).
    public struct Prepared: Sendable {
        public var drafts: [ItemDraft]
        public var duplicates: [String]
        public var newBlobs: [String]
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
            if file.name.lowercased().hasSuffix(".zip") {
                let url = FileManager.default.temporaryDirectory.appendingPathComponent("labelbench-upload-\(UUID().uuidString).zip")
                try file.data.write(to: url)
                temporaries.append(url)
                sources.append(try wrap { try ZipImageSource(url: url, name: file.name, limits: limits) })
            } else {
                if file.data.count > limits.maxFileBytes {
                    throw DomainError.invalid("\(file.name): \(file.data.count) bytes is over the \(limits.maxFileBytes)-byte limit per image")
                }
                looseImages[file.name] = file.data
            }
        }
        var pending: [Pending] = []
        var lists = listDrafts
        for source in sources {
            for listPath in source.itemListPaths {
                let data = try wrap { try source.data(for: listPath) }
                for var draft in try ItemFileParser.parse(data, fileName: source.label(for: listPath)) {
                    if case .imagePath(let reference) = draft.content {
                        let path = try wrap { try source.resolveImageReference(reference, listPath: listPath, context: draft.origin.description) }
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
                pending.append(Pending(draft: draft, name: reference, load: { data }))
            } else if let source = try sources.first(where: { (try? $0.resolveImageReference(reference, context: draft.origin.description)) != nil }) {
                let path = try wrap { try source.resolveImageReference(reference, context: draft.origin.description) }
                pending.append(Pending(draft: draft, name: source.label(for: path), load: { try source.data(for: path) }))
            } else {
                throw DomainError.invalid("\(draft.origin): image \"\(reference)\" is not among the uploaded files")
            }
        }
        // Without an item list, every image becomes an item named by its path.
        if lists.isEmpty && pending.isEmpty {
            for source in sources {
                for path in source.imagePaths {
                    let draft = ItemDraft(externalID: path, content: .imagePath(path), origin: .named(source.label(for: path)))
                    pending.append(Pending(draft: draft, name: source.label(for: path), load: { try source.data(for: path) }))
                }
            }
            for (name, data) in looseImages.sorted(by: { $0.key < $1.key }) {
                pending.append(Pending(draft: ItemDraft(externalID: name, content: .imagePath(name), origin: .named(name)), name: name, load: { data }))
            }
        }
        return try store(pending, existing: existing)
    }

    /// An image item waiting to be checked and stored; its bytes are read on demand so a large
    /// zip is never held in memory whole.
    private struct Pending {
        var draft: ItemDraft
        var name: String
        var load: () throws -> Data
    }

    /// Checks every image first (nothing is written if any is bad), then stores them one at a time.
    private func store(_ pending: [Pending], existing: [String: String]) throws -> Prepared {
        var checked: [(entry: Pending, digest: String, info: ImageInfo)] = []
        var prepared = Prepared(drafts: [], duplicates: [], newBlobs: [])
        var seen = existing
        for entry in pending {
            guard case .imagePath = entry.draft.content else {
                prepared.drafts.append(entry.draft)
                continue
            }
            let data = try wrap(entry.load)
            let info = try wrap { try ImageInspector.inspect(data, name: entry.name, limits: limits) }
            let digest = SHA256.hash(data: data).hexString
            if let earlier = seen[digest] {
                prepared.duplicates.append("\(entry.draft.origin): same image as item \(earlier)")
                continue
            }
            seen[digest] = entry.draft.externalID
            checked.append((entry, digest, info))
        }
        do {
            for (entry, digest, info) in checked {
                let existed = blobs.contains(digest)
                let ref = try blobs.put(try wrap(entry.load))
                if !existed { prepared.newBlobs.append(ref.sha256) }
                guard ref.sha256 == digest else {
                    throw DomainError.invalid("\(entry.name): the file changed while it was being imported")
                }
                var stored = entry.draft
                stored.content = .image(StoredImage(sha256: ref.sha256, mimeType: info.format.mimeType, width: info.width, height: info.height))
                prepared.drafts.append(stored)
            }
        } catch {
            discard(prepared.newBlobs)
            throw error
        }
        return prepared
    }

    /// Removes blobs this upload wrote, when the database refused the import after all.
    public func discard(_ digests: [String]) {
        for digest in digests { try? blobs.remove(digest) }
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
