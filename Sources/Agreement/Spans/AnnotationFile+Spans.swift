import Foundation

/// The Foundation path for span lists.
extension AnnotationFile {
    /// Reads a label array of JSON objects as spans, naming the first span that is not one.
    static func spanField(_ list: [Any], line: Int) throws -> [Span] {
        try list.enumerated().map { index, element in
            let position = "span \(index + 1)"
            guard let object = element as? [String: Any] else {
                throw AnnotationFileError(
                    line: line, message: "field \"label\" must be a list of strings or a list of spans; \(position) is neither")
            }
            func offset(_ key: String) throws -> Int {
                guard let value = object[key] else {
                    throw AnnotationFileError(line: line, message: "\(position) has no \"\(key)\"")
                }
                guard let number = value as? NSNumber, String(cString: number.objCType) != "c",
                    let offset = Span.offset(number.doubleValue)
                else {
                    throw AnnotationFileError(
                        line: line, message: "\(position): \"\(key)\" must be a whole number of characters")
                }
                return offset
            }
            let start = try offset("start")
            let end = try offset("end")
            guard let label = object["label"] else {
                throw AnnotationFileError(line: line, message: "\(position) has no \"label\"")
            }
            guard let text = label as? String else {
                throw AnnotationFileError(line: line, message: "\(position): \"label\" must be a string")
            }
            return Span(start: start, end: end, label: text)
        }
    }
}
