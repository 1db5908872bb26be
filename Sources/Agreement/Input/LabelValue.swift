import Foundation

/// One annotation's answer: a string (nominal), a number (ordinal, interval, ratio), a set of strings (multiple choice)
/// a list of spans of the item's text or a list of boxes on the item's image.
public enum LabelValue: Hashable, Sendable, Codable {
    case string(String)
    case number(Double)
    case strings([String])
    /// Sorted by `start`, not overlapping (see `Span.validated`). `[]` decodes as `.strings([])`.
    case spans([Span])
    /// In the order sent (see `Box.validated`). `[]` decodes as `.strings([])`.
    case boxes([Box])

    /// Decodes a JSON string, number or array of strings.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let list = try? container.decode([String].self) {
            self = .strings(list)
        } else if let spans = try? container.decode([Span].self) {
            self = .spans(spans)
        } else if let boxes = try? container.decode([Box].self) {
            self = .boxes(boxes)
        } else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "label must be a string, a number, an array of strings, a list of spans or a list of boxes")
        }
    }

    /// Encodes as the JSON string, number or array of strings it came from.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let text): try container.encode(text)
        case .number(let number): try container.encode(number)
        case .strings(let list): try container.encode(list)
        case .spans(let spans): try container.encode(spans)
        case .boxes(let boxes): try container.encode(boxes)
        }
    }

    /// The label as the text used for keys in reports: numbers print without a trailing `.0`.
    public var key: String {
        switch self {
        case .string(let text): return text
        case .number(let number): return LabelValue.format(number)
        case .strings(let list): return list.sorted().joined(separator: ",")
        case .spans(let spans): return spans.map { "\($0.start)-\($0.end) \($0.label)" }.joined(separator: ", ")
        case .boxes(let boxes):
            let show = LabelValue.format
            return boxes.map { "\(show($0.x)),\(show($0.y)) \(show($0.w))x\(show($0.h)) \($0.label)" }
                .joined(separator: ", ")
        }
    }

    /// Formats a number the way JSON would show it, so `1.0` and `1` name the same label.
    static func format(_ number: Double) -> String {
        if number.isFinite, number == number.rounded(), abs(number) < 1e15 {
            return String(Int64(number))
        }
        return "\(number)"
    }
}
