import Agreement
import LabelbenchCore

/// The kinds of mark a list answer is made of, with the words the pages use for them.
enum MarkKind {
    case span
    case box

    /// What the marks are made on: "items" of text, "images".
    var items: String { self == .span ? "items" : "images" }

    /// The per-item figure contested items are ranked by.
    var measure: String { self == .span ? "exact F1" : "F1 at IoU 0.5" }

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
