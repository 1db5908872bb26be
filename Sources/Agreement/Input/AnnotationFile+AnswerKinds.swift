/// The rule that one file holds one kind of answer: span lists, box lists, or other labels.
extension AnnotationFile {
    /// Refuses a file that mixes kinds of answer (`[]` goes with any), naming the later of the
    /// first lines of the two earliest kinds.
    static func checkOneAnswerKind(_ columns: AnnotationColumns, lines: ([Int]) throws -> [Int]) throws {
        guard let conflict = columns.answerKindConflict() else { return }
        let numbers = try lines([conflict.earlier.record, conflict.later.record])
        let earlier = conflict.earlier.kind
        let later = conflict.later.kind
        let message: String
        switch (later, earlier) {
        case (.list(let kind), _):
            message =
                "label is a list of \(kind), but line \(numbers[0]) has \(describe(earlier, columns, conflict.earlier.record))"
        case (.other, .list(let kind)):
            message =
                "\(describe(later, columns, conflict.later.record)) is not a list of \(kind), but line \(numbers[0]) has \(kind)"
        case (.other, .other):
            preconditionFailure("two kinds in conflict are different")
        }
        throw AnnotationFileError(line: numbers[1], message: message + "; a file holds one kind of answer")
    }

    /// A kind as a message names it: `spans`, `boxes`, or `label` and the value.
    private static func describe(_ kind: AnswerListKind, _ columns: AnnotationColumns, _ record: Int) -> String {
        switch kind {
        case .list(let name): return name
        case .other:
            let value = columns.labelValues[Int(columns.recordLabel[record])]
            return "label \(String(decoding: JSONWriter.labelBytes(value), as: UTF8.self))"
        }
    }
}

/// What kind of answer a record gave, for the one-kind rule: a list of parts (`spans`, `boxes`) or anything else.
enum AnswerListKind: Equatable {
    case list(String)
    case other
}

extension AnnotationColumns {
    /// The first records of the two earliest kinds of answer, when a file has more than one.
    /// Records whose answer is `[]` have no kind.
    func answerKindConflict() -> (earlier: (record: Int, kind: AnswerListKind), later: (record: Int, kind: AnswerListKind))? {
        guard !spans.isEmpty || !boxes.isEmpty else { return nil }
        let emptyList = labelValues.firstIndex(of: LabelValue.emptyList).map(Int32.init) ?? -1
        var firsts: [(record: Int, kind: AnswerListKind)] = []
        if let other = recordLabel.firstIndex(where: { $0 != emptyList }) { firsts.append((other, .other)) }
        // A list record carries the label `[]`, so `other` above never finds one.
        if !spans.isEmpty, let first = (0..<count).first(where: { !spans.range(of: $0).isEmpty }) {
            firsts.append((first, .list("spans")))
        }
        if !boxes.isEmpty, let first = (0..<count).first(where: { !boxes.range(of: $0).isEmpty }) {
            firsts.append((first, .list("boxes")))
        }
        guard firsts.count >= 2 else { return nil }
        firsts.sort { $0.record < $1.record }
        return (firsts[0], firsts[1])
    }
}
