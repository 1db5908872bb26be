import ArtifactStore
import Foundation

/// A `label` as sent in a JSON body: a label name, a list of names (multiple choice), a number
/// (a rating) or any other list (spans `{start, end, label}`, boxes `{x, y, w, h, label}`).
/// `Answer.parse(_:for:)` checks it against the task.
public enum LabelInput: Decodable, Sendable, Equatable {
    case name(String)
    case names([String])
    case number(Double)
    case list([JSONValue])

    public init(from decoder: any Decoder) throws {
        let value = try decoder.singleValueContainer()
        if let name = try? value.decode(String.self) {
            self = .name(name)
        } else if let names = try? value.decode([String].self) {
            self = .names(names)
        } else if (try? value.decode(Bool.self)) == nil, let number = try? value.decode(Double.self) {
            self = .number(number)
        } else if let list = try? value.decode([JSONValue].self) {
            self = .list(list)
        } else {
            throw DomainError.invalid("label: expected a label name, a list of names, spans or boxes, or a rating number")
        }
    }

    /// The value as JSONSerialization would give it, for `Answer.parse`.
    public var jsonValue: Any {
        switch self {
        case .name(let name): name
        case .names(let names): names
        case .number(let number): NSNumber(value: number)
        case .list(let list): list.map(\.foundationValue)
        }
    }
}

extension JSONValue {
    /// The value as JSONSerialization gives it, so the span and box readers see an API body as they see a file.
    fileprivate var foundationValue: Any {
        switch self {
        case .null: NSNull()
        case .bool(let value): NSNumber(value: value)
        case .int(let value): NSNumber(value: value)
        case .double(let value): NSNumber(value: value)
        case .string(let value): value
        case .array(let values): values.map(\.foundationValue)
        case .object(let members): members.mapValues(\.foundationValue)
        }
    }
}

extension Answer {
    /// Checks a typed `label` against the task's schema.
    public static func parse(_ label: LabelInput?, for task: LabelingTask) throws -> Answer {
        guard let label else { throw DomainError.invalid("label: missing") }
        return try parse(label.jsonValue, for: task)
    }
}
