import Agreement
import LabelbenchCore

/// The kinds of mark a list answer is made of, with the words the pages use for them.
enum MarkKind {
    case span
    case box

    /// "no spans", "1 span", "3 spans".
    func count(_ marks: Int) -> String {
        let (one, many) = self == .span ? ("span", "spans") : ("box", "boxes")
        return marks == 0 ? "no \(many)" : marks == 1 ? "1 \(one)" : "\(marks) \(many)"
    }

    /// How many marks of this kind an answer holds (none for an answer of another kind).
    func marks(in answer: Answer) -> Int {
        switch self {
        case .span: answer.spanList.count
        case .box: Box.boxes(in: answer).count
        }
    }
}

extension Box {
    /// The boxes of a box answer; `[]` for an answer that is not a box list.
    static func boxes(in answer: Answer) -> [Box] { boxList(answer.labelValue) ?? [] }
}
