import Agreement
import Foundation

/// Reads a SageMaker Ground Truth output manifest (JSON lines) line by line.
///
/// Each line holds the input (`source-ref` for an image, `source` for a text) and one label
/// attribute named after the job, with its `ATTRIBUTE-metadata`:
/// - classification (`groundtruth/image-classification`, `…/text-classification`): the
///   metadata's `class-name`; multi-label (`…-multilabel`): the attribute's class ids through the
///   metadata's `class-map`;
/// - bounding boxes (`groundtruth/object-detection`): the attribute's `annotations`
///   (`class_id`, `left`, `top`, `width`, `height` in pixels of its `image_size`), classes
///   through `class-map`.
///
/// The item is `id` when the line has one, else the image named by `source-ref`; the annotator
/// is `sagemaker-JOB` (account names take no colon). Lines the job's model labeled
/// (`"human-annotated": "no"`) are skipped and counted, since predictions are not supported yet,
/// and so are lines with a `failure-reason`.
struct SageMakerReader: InterchangeReader {
    private let data: Data
    private let fileName: String
    private var cursor: Int
    private var line = 0
    private(set) var skipped = InterchangeSkips()

    init(_ data: Data, fileName: String, task: LabelingTask) {
        self.data = data
        self.fileName = fileName
        cursor = data.startIndex
    }

    mutating func next() throws -> InterchangeRecord? {
        while cursor < data.endIndex {
            line += 1
            let end = data[cursor...].firstIndex(of: 0x0A) ?? data.endIndex
            let bytes = data[cursor..<end]
            cursor = end < data.endIndex ? end + 1 : end
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            let origin = "\(fileName) line \(line)"
            guard bytes.count <= ItemFileParser.maxLineBytes else {
                throw DomainError.invalid("\(origin): longer than \(ItemFileParser.maxLineBytes) bytes")
            }
            guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
                throw DomainError.invalid("\(origin): not a JSON object")
            }
            if let record = try record(object, origin: origin) { return record }
        }
        return nil
    }

    /// The line's record, or nil for a line skipped and counted.
    private mutating func record(_ object: [String: Any], origin: String) throws -> InterchangeRecord? {
        let attributes = object.keys.filter { !$0.hasSuffix("-metadata") && object[$0 + "-metadata"] != nil }.sorted()
        guard attributes.count == 1, let attribute = attributes.first,
            let metadata = object[attribute + "-metadata"] as? [String: Any]
        else {
            throw DomainError.invalid(
                attributes.isEmpty
                    ? "\(origin): no label attribute with its \"-metadata\""
                    : "\(origin): several label attributes (\(attributes.joined(separator: ", "))); give a manifest of one job")
        }
        if metadata["failure-reason"] != nil {
            skipped.failed += 1
            return nil
        }
        if metadata["human-annotated"] as? String == "no" {
            skipped.machineLabeled += 1
            return nil
        }
        let job = (metadata["job-name"] as? String).map { String($0.split(separator: "/").last ?? "") } ?? attribute
        let itemID = LabelStudioReader.idText(object["id"])
        let content: InterchangeRecord.Content
        if let reference = object["source-ref"] as? String {
            content = .imageFile(InterchangeItemStore.fileName(reference))
        } else if let text = object["source"] as? String {
            guard itemID != nil else { throw DomainError.invalid("\(origin): a text line needs an \"id\"") }
            content = .text(text)
        } else {
            throw DomainError.invalid("\(origin): needs \"source-ref\" or \"source\"")
        }
        let label: InterchangeLabel
        do {
            label = try Self.label(object[attribute], metadata: metadata)
        } catch let error as DomainError {
            throw DomainError.invalid("\(origin): \(attribute): \(error.description)")
        }
        return InterchangeRecord(
            origin: origin, itemID: itemID, content: content, meta: nil,
            annotations: [InterchangeAnnotation(annotator: "sagemaker-\(job)", label: label, seconds: nil)])
    }

    private static func label(_ value: Any?, metadata: [String: Any]) throws -> InterchangeLabel {
        let type = metadata["type"] as? String ?? ""
        let classes = metadata["class-map"] as? [String: Any] ?? [:]
        func className(_ id: Any?) throws -> String {
            guard let id = LabelStudioReader.idText(id), let name = classes[id] as? String else {
                throw DomainError.invalid("class \(String(describing: id ?? "none")) is not in the metadata's class-map")
            }
            return name
        }
        switch type {
        case "groundtruth/image-classification", "groundtruth/text-classification":
            guard let name = metadata["class-name"] as? String else {
                throw DomainError.invalid("no \"class-name\" in its metadata")
            }
            return .value(name)
        case "groundtruth/image-classification-multilabel", "groundtruth/text-classification-multilabel":
            guard let ids = value as? [Any] else { throw DomainError.invalid("expected a list of class ids") }
            return .value(try ids.map(className))
        case "groundtruth/object-detection":
            guard let detection = value as? [String: Any], let boxes = detection["annotations"] as? [[String: Any]],
                let size = (detection["image_size"] as? [[String: Any]])?.first,
                let width = size["width"] as? NSNumber, let height = size["height"] as? NSNumber
            else { throw DomainError.invalid("expected {\"image_size\": [{width, height}], \"annotations\": [...]}") }
            return .boxes(
                try boxes.map { box in
                    guard let left = box["left"] as? NSNumber, let top = box["top"] as? NSNumber,
                        let w = box["width"] as? NSNumber, let h = box["height"] as? NSNumber
                    else { throw DomainError.invalid("a box needs left, top, width and height") }
                    return InterchangeBox(
                        x: left.doubleValue, y: top.doubleValue, w: w.doubleValue, h: h.doubleValue,
                        label: try className(box["class_id"]))
                }, relativeTo: ImageSize(width: width.doubleValue, height: height.doubleValue))
        default:
            throw DomainError.invalid("job type \"\(type)\" is not read (classification and object detection are)")
        }
    }
}
