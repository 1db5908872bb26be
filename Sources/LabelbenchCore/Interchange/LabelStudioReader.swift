import Agreement
import Foundation

/// Reads Label Studio's JSON export (`[{"id", "data", "annotations": [{"result", "completed_by",
/// "lead_time", "was_cancelled"}]}]`) task by task.
///
/// - Item: `data.id` when present, else the task's `id`; the text is `data.text`; an image is the
///   file named by `data.image`. Other `data` fields become the item's `meta`.
/// - Annotator: `completed_by`'s email when the export expanded it, else `ls-user-ID`.
/// - Answer: `choices` (and `rating`) results for classification, `labels` results as spans,
///   `rectanglelabels` results as boxes in percent of the image. Any other result type is refused.
struct LabelStudioReader: InterchangeReader {
    private var elements: JSONArrayElements
    private let fileName: String
    private let task: LabelingTask
    private(set) var skipped = InterchangeSkips()

    init(_ data: Data, fileName: String, task: LabelingTask) throws {
        elements = try JSONArrayElements(data, fileName: fileName)
        self.fileName = fileName
        self.task = task
    }

    mutating func next() throws -> InterchangeRecord? {
        let index = elements.index
        guard let bytes = try elements.next() else { return nil }
        guard let object = try? JSONSerialization.jsonObject(with: bytes) as? [String: Any] else {
            throw DomainError.invalid("\(fileName) index \(index): not a JSON object")
        }
        let data = object["data"] as? [String: Any] ?? [:]
        let taskID = Self.idText(object["id"])
        let origin = "\(fileName) index \(index)" + (taskID.map { " (id \($0))" } ?? "")
        let itemID = Self.idText(data["id"]) ?? taskID
        let content: InterchangeRecord.Content
        if let text = data["text"] as? String {
            content = .text(text)
        } else if let image = data["image"] as? String {
            content = .imageFile(InterchangeItemStore.fileName(image))
        } else {
            throw DomainError.invalid("\(origin): data needs \"text\" or \"image\"")
        }
        let extra = data.filter { !["id", "text", "image"].contains($0.key) }
        var record = InterchangeRecord(
            origin: origin, itemID: itemID, content: content, meta: extra.isEmpty ? nil : JSONText.value(extra),
            annotations: [])
        // Exports made before Label Studio 1.0 call the annotations "completions".
        let annotations = object["annotations"] ?? object["completions"] ?? []
        guard let list = annotations as? [[String: Any]] else {
            throw DomainError.invalid("\(origin): \"annotations\" must be a list of objects")
        }
        for annotation in list {
            if annotation["was_cancelled"] as? Bool == true {
                skipped.cancelled += 1
                continue
            }
            record.annotations.append(try self.annotation(annotation, content: content, origin: origin))
        }
        return record
    }

    private func annotation(
        _ object: [String: Any], content: InterchangeRecord.Content, origin: String
    ) throws -> InterchangeAnnotation {
        let annotator: String
        switch object["completed_by"] {
        case let user as [String: Any]:
            guard
                let name = (user["email"] as? String).flatMap({ $0.isEmpty ? nil : $0 })
                    ?? Self.idText(user["id"]).map({ "ls-user-\($0)" })
            else { throw DomainError.invalid("\(origin): an annotation's \"completed_by\" has neither email nor id") }
            annotator = name
        case let id:
            guard let id = Self.idText(id) else {
                throw DomainError.invalid("\(origin): an annotation has no \"completed_by\"")
            }
            annotator = "ls-user-\(id)"
        }
        let origin = "\(origin), annotation by \(annotator)"
        guard let results = (object["result"] ?? []) as? [[String: Any]] else {
            throw DomainError.invalid("\(origin): \"result\" must be a list of objects")
        }
        let seconds = (object["lead_time"] as? NSNumber)?.doubleValue
        do {
            return InterchangeAnnotation(annotator: annotator, label: try label(results, content: content), seconds: seconds)
        } catch let error as DomainError {
            throw DomainError.invalid("\(origin): \(error.description)")
        }
    }

    /// The task's answer from an annotation's results, one result type per answer type.
    private func label(_ results: [[String: Any]], content: InterchangeRecord.Content) throws -> InterchangeLabel {
        let expected: Set<String> =
            switch task.answer {
            case .single, .multiple: ["choices"]
            case .rating: ["choices", "rating"]
            case .spans: ["labels"]
            case .boxes: ["rectanglelabels"]
            }
        for result in results {
            let type = result["type"] as? String ?? "(none)"
            guard expected.contains(type) else {
                throw DomainError.invalid("result type \"\(type)\" does not fit a \(task.answer.rawValue) task")
            }
        }
        let values = results.map { $0["value"] as? [String: Any] ?? [:] }
        switch task.answer {
        case .single, .rating, .multiple:
            let chosen = try values.flatMap { value -> [Any] in
                if let rating = value["rating"] { return [rating] }
                guard let choices = value["choices"] as? [Any] else { throw DomainError.invalid("a result has no \"choices\"") }
                return choices
            }
            if task.answer == .multiple { return .value(chosen) }
            guard chosen.count == 1 else {
                throw DomainError.invalid("expected one choice, the annotation has \(chosen.count)")
            }
            return .value(chosen[0])
        case .spans:
            guard case .text(let text) = content else { throw DomainError.invalid("spans are marked on a text item") }
            var offsets = LabelStudioOffsets(text: text)
            return .value(try values.map { try offsets.span($0) })
        case .boxes:
            return .boxes(try values.map(Self.box), relativeTo: ImageSize(width: 100, height: 100))
        }
    }

    /// A `rectanglelabels` value: `x`, `y`, `width`, `height` in percent of the image, one class.
    private static func box(_ value: [String: Any]) throws -> InterchangeBox {
        guard let x = value["x"] as? NSNumber, let y = value["y"] as? NSNumber, let width = value["width"] as? NSNumber,
            let height = value["height"] as? NSNumber
        else { throw DomainError.invalid("a rectangle needs x, y, width and height") }
        if let rotation = value["rotation"] as? NSNumber, rotation.doubleValue != 0 {
            throw DomainError.invalid("a rectangle is rotated by \(rotation) degrees; boxes here are upright")
        }
        guard let labels = value["rectanglelabels"] as? [String], labels.count == 1 else {
            throw DomainError.invalid("a rectangle needs exactly one class in \"rectanglelabels\"")
        }
        return InterchangeBox(x: x.doubleValue, y: y.doubleValue, w: width.doubleValue, h: height.doubleValue, label: labels[0])
    }

    /// An id as text: a string, or a whole number.
    static func idText(_ value: Any?) -> String? {
        if let string = value as? String, !string.isEmpty { return string }
        if let number = value as? NSNumber, !number.isJSONBoolean, number.doubleValue == number.doubleValue.rounded(),
            number.doubleValue.magnitude <= StrictJSON.maxWholeNumber
        {
            return String(number.int64Value)
        }
        return nil
    }
}
