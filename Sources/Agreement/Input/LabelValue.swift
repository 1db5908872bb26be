import Foundation

/// One annotation's answer: a string (nominal), a number (ordinal, interval, ratio) or a set of strings (multiple choice).
public enum LabelValue: Hashable, Sendable, Codable {
    case string(String)
    case number(Double)
    case strings([String])

    /// Decodes a JSON string, number or array of strings.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let list = try? container.decode([String].self) {
            self = .strings(list)
        } else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "label must be a string, a number or an array of strings")
        }
    }

    /// Encodes as the JSON string, number or array of strings it came from.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let text): try container.encode(text)
        case .number(let number): try container.encode(number)
        case .strings(let list): try container.encode(list)
        }
    }

    /// The label as the text used for keys in reports: numbers print without a trailing `.0`.
    public var key: String {
        switch self {
        case .string(let text): return text
        case .number(let number): return LabelValue.format(number)
        case .strings(let list): return list.sorted().joined(separator: ",")
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
