import ArtifactStore

/// The split files of a version, `NAME.jsonl` for each part of a `DatasetSplit`, streamed beside
/// `labels.jsonl` in its row format: each row of `labels.jsonl` also goes to the file of its group's part.
struct SplitFileWriter {
    let split: DatasetSplit
    private var files: [String: BlobText] = [:]
    /// Rows written to each part, for the version's metadata.
    private(set) var items: [String: Int] = [:]

    init(split: DatasetSplit, blobs: BlobStore) throws {
        self.split = split
        for part in split.parts { files[part.name] = try BlobText(blobs) }
    }

    /// Adds a row of `labels.jsonl` to the part of the group keyed by `groupKey`.
    mutating func append(row: String, groupKey: String) throws {
        let part = split.part(forKey: groupKey)
        try files[part]!.append(row)
        items[part, default: 0] += 1
    }

    /// Every part's file, in the order the parts were given; a part no row went to is an empty file.
    mutating func finish() throws -> [ArtifactFile] {
        try split.parts.map { part in try files[part.name]!.finish(as: "\(part.name).jsonl") }
    }
}
