import Agreement
import ArtifactStore

/// One row of `labels.jsonl` as the box files see it.
struct BoxedImage {
    /// The item's id, as in `labels.jsonl`.
    var item: String
    /// The image's path in the version (`images/SHA.EXT`).
    var path: String
    var width: Int
    var height: Int
    /// The boxes of the exported label: none for `[]`, and none for an unlabeled item's `null`.
    var boxes: [Box]
    /// The row's confidence: the score of a box that carries none of its own (a ruling's or gold list's, 1).
    var confidence: Double?
}

/// `annotations.coco.json` (COCO) or `classes.txt` with `labels/STEM.txt` (YOLO), written beside
/// `labels.jsonl` one item at a time, in the rows' order, every row of `labels.jsonl` included.
struct BoxFileWriter {
    private var coco: CocoFileWriter?
    private var yolo: YoloFiles?

    /// A writer for the format's files, or nil for a format that writes no boxes.
    init?(format: ExportOptions.Format, task: LabelingTask, blobs: BlobStore) throws {
        switch format {
        case .coco: coco = try CocoFileWriter(task: task, blobs: blobs)
        case .yolo: yolo = YoloFiles(task: task, blobs: blobs)
        case .jsonl, .csv, .spacy, .conll: return nil
        }
    }

    /// Adds an image item with its exported label (`nil` for an unlabeled item).
    mutating func append(
        item: String, path: String, width: Int?, height: Int?, label: Answer?, confidence: Double?
    ) throws {
        guard let width, let height else { throw DomainError.invalid("item \(item): no image size is stored for \(path)") }
        let boxes: [Box] = if case .boxes(let list)? = label { list } else { [] }
        let image = BoxedImage(item: item, path: path, width: width, height: height, boxes: boxes, confidence: confidence)
        try coco?.append(image)
        try yolo?.append(image)
    }

    /// The finished files, to list in both manifests.
    mutating func finish() throws -> [ArtifactFile] {
        if let coco { return [try coco.finish()] }
        return try yolo?.finish() ?? []
    }
}
