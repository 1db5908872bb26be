import Agreement
import Foundation

/// A label as given by an annotator or a gold answer: one label, a set for multiple choice, the
/// marked ranges of a text item sorted by `start`, or the objects boxed on an image in the order drawn.
public enum Answer: Hashable, Sendable {
    case one(String)
    case many([String])
    case spans([Span])
    case boxes([Box])

    /// Reads a JSON value (string, number or list of strings) and checks it fits the task's schema.
    /// Ratings may be sent as the scale point's name or as a number equal to that name.
    public static func parse(_ value: Any?, for task: LabelingTask) throws -> Answer {
        let names = task.labelNames
        switch task.answer {
        case .single, .rating:
            let text: String
            if let string = value as? String {
                text = string
            } else if let number = value as? NSNumber, task.answer == .rating, !number.isJSONBoolean {
                let double = number.doubleValue
                text = double == double.rounded() && abs(double) < 1e15 ? String(Int64(double)) : String(double)
            } else {
                throw DomainError.invalid("label: expected one of \(Self.list(names))")
            }
            guard names.contains(text) else {
                throw DomainError.invalid(
                    "label: \"\(Self.clip(text))\" is not a label of this task; expected one of \(Self.list(names))")
            }
            return .one(text)
        case .multiple:
            let values: [String]
            if let array = value as? [Any] {
                values = try array.map { element in
                    guard let string = element as? String else {
                        throw DomainError.invalid("label: expected a list of label names")
                    }
                    return string
                }
            } else if let string = value as? String {
                values = [string]
            } else {
                throw DomainError.invalid("label: expected a list of label names")
            }
            for text in values where !names.contains(text) {
                throw DomainError.invalid(
                    "label: \"\(Self.clip(text))\" is not a label of this task; expected names from \(Self.list(names))")
            }
            // Stored in the task's label order so equal sets compare equal.
            let chosen = Set(values)
            return .many(names.filter(chosen.contains))
        case .spans:
            return try parseSpans(value, labels: Set(names))
        case .boxes:
            return try parseBoxes(value, labels: Set(names))
        }
    }

    /// Parses the JSON text stored in the database.
    public init(storedJSON: String) {
        // Fast path for the common stored form of one label, `"cat"`: no backslash means no escapes to undo.
        let utf8 = storedJSON.utf8
        if utf8.count >= 2, utf8.first == 0x22, utf8.last == 0x22, !utf8.contains(0x5C) {
            self = .one(String(storedJSON.dropFirst().dropLast()))
            return
        }
        let value = try? JSONSerialization.jsonObject(with: Data(storedJSON.utf8), options: [.fragmentsAllowed])
        if let array = value as? [Any], let first = array.first as? [String: Any] {
            // Only the span and box lists this type wrote are stored as lists of objects.
            self =
                first["start"] != nil
                ? (try? Span.list(fromJSON: array)).map(Answer.spans) ?? .one(storedJSON)
                : Self.storedBoxes(storedJSON).map(Answer.boxes) ?? .one(storedJSON)
        } else if let array = value as? [String] {
            self = .many(array)
        } else {
            self = .one(value as? String ?? storedJSON)
        }
    }

    /// The JSON text kept in the `label` and `gold` columns and written to exports.
    public var json: String {
        switch self {
        case .one(let label): JSONText.string(label)
        case .many(let labels): "[" + labels.map(JSONText.string).joined(separator: ",") + "]"
        case .spans(let spans): "[" + spans.map(Self.spanJSON).joined(separator: ",") + "]"
        case .boxes(let boxes): "[" + boxes.map(Self.boxJSON).joined(separator: ",") + "]"
        }
    }

    /// The chosen label names.
    public var labels: [String] {
        switch self {
        case .one(let label): [label]
        case .many(let labels): labels
        case .spans(let spans): spans.map(\.label)
        case .boxes(let boxes): boxes.map(\.label)
        }
    }

    /// "pedestrian" or "a, b" for pages.
    public var display: String { labels.joined(separator: ", ") }

    /// A JSON-compatible value for encoders that take `Any`.
    public var jsonObject: Any {
        switch self {
        case .one(let label): label
        case .many(let labels): labels
        case .spans(let spans): spans.map { ["start": $0.start, "end": $0.end, "label": $0.label] as [String: Any] }
        case .boxes(let boxes): boxes.map { ["x": $0.x, "y": $0.y, "w": $0.w, "h": $0.h, "label": $0.label] as [String: Any] }
        }
    }

    private static func list(_ names: [String]) -> String {
        names.prefix(20).map { "\"\($0)\"" }.joined(separator: ", ") + (names.count > 20 ? ", …" : "")
    }

    private static func clip(_ text: String) -> String {
        text.count > 60 ? String(text.prefix(60)) + "…" : text
    }
}

extension NSNumber {
    /// JSONSerialization gives booleans as NSNumber too; `true` must not pass as the rating 1.
    var isJSONBoolean: Bool { String(cString: objCType) == "c" }
}

extension Answer {
    /// True for `[]` of any list-valued kind: no labels, no spans or no boxes.
    var isEmptyList: Bool {
        switch self {
        case .one: false
        case .many(let labels): labels.isEmpty
        case .spans(let spans): spans.isEmpty
        case .boxes(let boxes): boxes.isEmpty
        }
    }

    /// Every empty list is the same stored answer, `[]`: the stored text does not tell which task it
    /// came from (an empty set of labels, no spans, no boxes), so they must compare equal.
    public static func == (a: Answer, b: Answer) -> Bool {
        switch (a, b) {
        case (.one(let x), .one(let y)): x == y
        case (.many(let x), .many(let y)): x == y
        case (.spans(let x), .spans(let y)): x == y
        case (.boxes(let x), .boxes(let y)): x == y
        default: a.isEmptyList && b.isEmptyList
        }
    }

    /// Hashes what `==` compares: answers of different kinds are never equal (bar the empty lists), so
    /// the kind need not be hashed.
    public func hash(into hasher: inout Hasher) {
        switch self {
        case _ where isEmptyList: hasher.combine([String]())
        case .one(let label): hasher.combine(label)
        case .many(let labels): hasher.combine(labels)
        case .spans(let spans): hasher.combine(spans)
        case .boxes(let boxes): hasher.combine(boxes)
        }
    }
}
