import Foundation
import TextFormats

/// The slow path for lines the byte scanner leaves: Foundation parses them, so valid but
/// unusual JSON is still read and malformed lines get its verdict.
extension AnnotationFile {
    /// Reads a line the fast path gave up on with `JSONSerialization`.
    static func slowParse(_ line: UnsafeRawBufferPointer, number: Int) throws -> RecordFields {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(line), options: [])
        } catch {
            throw AnnotationFileError(line: number, message: "malformed JSON")
        }
        guard let dictionary = object as? [String: Any] else {
            throw AnnotationFileError(line: number, message: "expected a JSON object")
        }
        var fields = RecordFields()
        for (key, value) in dictionary {
            switch key {
            case "item": fields.item = .text(try stringField(value, key, number))
            case "annotator": fields.annotator = .text(try stringField(value, key, number))
            case "label": fields.label = try labelField(value, number)
            case "seconds":
                if !(value is NSNull) {
                    guard let seconds = numberValue(value) else { throw typeError(key, "a number", number) }
                    fields.seconds = seconds
                }
            case "guideline_version":
                if !(value is NSNull) {
                    guard let version = numberValue(value), version == version.rounded(), abs(version) < 1e15 else {
                        throw typeError(key, "an integer", number)
                    }
                    fields.guidelineVersion = Int(version)
                }
            case "created_at":
                if !(value is NSNull) {
                    guard let text = value as? String, let date = ISO8601.parse(Array(text.utf8)) else {
                        throw typeError(key, "an ISO 8601 date string", number)
                    }
                    fields.createdAt = date.timeIntervalSince1970
                }
            default: break
            }
        }
        return fields
    }

    private static func numberValue(_ value: Any) -> Double? {
        // Booleans bridge to NSNumber; their Objective-C type is "c" (char).
        if let number = value as? NSNumber {
            if String(cString: number.objCType) == "c" || type(of: value) == Bool.self { return nil }
            return number.doubleValue
        }
        if let number = value as? Double { return number }
        if let number = value as? Int { return Double(number) }
        return nil
    }

    private static func stringField(_ value: Any, _ key: String, _ line: Int) throws -> String {
        guard let text = value as? String else { throw typeError(key, "a string", line) }
        return text
    }

    private static func labelField(_ value: Any, _ line: Int) throws -> RecordFields.ScannedLabel {
        if let text = value as? String { return .string(.text(text)) }
        if let number = numberValue(value) { return .value(.number(number)) }
        if let list = value as? [Any], let first = list.first as? [String: Any] {
            // The keys of the first object tell the kind; the rest must be the same.
            let boxKeys = ["x", "y", "w", "h"].contains { first[$0] != nil }
            let spanKeys = first["start"] != nil || first["end"] != nil
            if boxKeys && !spanKeys { return .boxes(try boxField(list, line: line)) }
            return .spans(try spanField(list, line: line))
        }
        if let list = value as? [Any] {
            var labels: [String] = []
            for element in list {
                guard let text = element as? String else { throw typeError("label", "an array of strings", line) }
                labels.append(text)
            }
            return .value(.strings(labels))
        }
        throw typeError("label", "a string, a number, an array of strings or a list of spans", line)
    }

    static func typeError(_ key: String, _ expected: String, _ line: Int) -> AnnotationFileError {
        AnnotationFileError(line: line, message: "field \"\(key)\" must be \(expected)")
    }
}
