import Agreement
import ArtifactStore
import Foundation

/// `annotations.coco.json`, streamed: `categories`, then `images`, then `annotations`, one entry a line.
///
/// Each item adds one image and its boxes, but JSON wants all images before all annotations, so the
/// annotations wait in a spool file in the blob store's temp folder and are copied in at the end: the
/// file is never held in memory, and the boxes are not kept a second time beside the consensus.
final class CocoFileWriter {
    static let path = "annotations.coco.json"
    /// The file up to the end of `images`; the annotations follow at `finish`.
    private var file: BlobText
    private let spoolURL: URL
    private let spool: FileHandle
    private let categoryIDs: [String: Int]
    private var images = 0
    private var annotations = 0
    private var annotationText = ""

    init(task: LabelingTask, blobs: BlobStore) throws {
        // Ids 1…k in the task's label order: 0 is not a valid COCO category id.
        categoryIDs = Dictionary(
            task.labelNames.enumerated().map { ($1, $0 + 1) }, uniquingKeysWith: { first, _ in first })
        file = try BlobText(blobs)
        spoolURL = blobs.root.appendingPathComponent("tmp/\(UUID().uuidString.lowercased()).coco.part")
        guard FileManager.default.createFile(atPath: spoolURL.path, contents: nil),
            let handle = FileHandle(forUpdatingAtPath: spoolURL.path)
        else { throw DomainError.invalid("cannot create \(spoolURL.path) to write \(Self.path)") }
        spool = handle
        let categories = task.labelNames.enumerated().map { index, name in
            "{\"id\":\(index + 1),\"name\":\(JSONText.string(name)),\"supercategory\":\"\"}"
        }
        try file.append(
            "{\"info\":{\"description\":\(JSONText.string(task.title)),\"task\":\(JSONText.string(task.name))},"
                + "\"licenses\":[],\n\"categories\":[\n" + categories.joined(separator: ",\n") + "\n],\n\"images\":[\n")
    }

    deinit {
        try? spool.close()
        try? FileManager.default.removeItem(at: spoolURL)
    }

    /// Adds the image (id = its position, 1…n) and an annotation for each of its boxes.
    func append(_ image: BoxedImage) throws {
        images += 1
        try file.append(
            (images > 1 ? ",\n" : "")
                + "{\"id\":\(images),\"file_name\":\(JSONText.string(image.path)),\"width\":\(image.width),"
                + "\"height\":\(image.height),\"item_id\":\(JSONText.string(image.item))}")
        for box in image.boxes {
            guard let category = categoryIDs[box.label] else {
                throw DomainError.invalid(
                    "item \(image.item): box class \(JSONText.string(box.label)) is not a class of the task")
            }
            annotations += 1
            if annotations > 1 { annotationText += ",\n" }
            annotationText +=
                "{\"id\":\(annotations),\"image_id\":\(images),\"category_id\":\(category),\"bbox\":["
                + "\(JSONText.number(box.x)),\(JSONText.number(box.y)),\(JSONText.number(box.w)),\(JSONText.number(box.h))],"
                + "\"area\":\(JSONText.number(box.w * box.h)),\"iscrowd\":0,"
                + "\"score\":\(JSONText.number(box.confidence ?? image.confidence ?? 1))}"
        }
        if annotationText.utf8.count > 1 << 16 {
            try spool.write(contentsOf: Data(annotationText.utf8))
            annotationText = ""
        }
    }

    /// Closes `images`, copies the spooled annotations in and stores the file.
    func finish() throws -> ArtifactFile {
        try file.append("\n],\n\"annotations\":[\n")
        try spool.write(contentsOf: Data(annotationText.utf8))
        annotationText = ""
        try spool.seek(toOffset: 0)
        while let chunk = try spool.read(upToCount: 1 << 20), !chunk.isEmpty { try file.append(data: chunk) }
        try file.append("\n]}\n")
        return try file.finish(as: Self.path)
    }
}
