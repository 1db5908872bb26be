import Foundation

/// The Foundation path for span lists, and the rule that one file holds one kind of answer.
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

    /// Refuses a file that mixes span lists with other answers (`[]` goes with either), naming the
    /// later of the first span line and the first other line.
    static func checkOneAnswerKind(_ columns: AnnotationColumns, lines: ([Int]) throws -> [Int]) throws {
        guard let conflict = columns.answerKindConflict() else { return }
        let numbers = try lines([min(conflict.spans, conflict.other), max(conflict.spans, conflict.other)])
        let other = columns.labelValues[Int(columns.recordLabel[conflict.other])]
        let otherText = "label \(String(decoding: JSONWriter.labelBytes(other), as: UTF8.self))"
        throw AnnotationFileError(
            line: numbers[1],
            message: conflict.spans > conflict.other
                ? "label is a list of spans, but line \(numbers[0]) has \(otherText); a file holds one kind of answer"
                : "\(otherText) is not a list of spans, but line \(numbers[0]) has spans; a file holds one kind of answer")
    }
}

extension AnnotationColumns {
    /// The first record with spans and the first whose answer is neither spans nor `[]`, when a
    /// file has both.
    func answerKindConflict() -> (spans: Int, other: Int)? {
        guard !spans.isEmpty else { return nil }
        let emptyList = labelValues.firstIndex(of: .strings([])).map(Int32.init) ?? -1
        guard let other = recordLabel.firstIndex(where: { $0 != emptyList }) else { return nil }
        let first = (0..<count).first { !spans.spans(of: $0).isEmpty } ?? 0
        return (first, other)
    }
}
