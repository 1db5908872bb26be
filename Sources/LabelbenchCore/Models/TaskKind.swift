/// What an item shows the annotator.
public enum ItemKind: String, Codable, Sendable, CaseIterable {
    case text, image
}

/// How an annotator answers: one label, any set of labels, a point on an ordered scale, marked
/// ranges of a text item (`spans`, text tasks only) or objects boxed on an image (`boxes`, image
/// tasks only).
public enum AnswerType: String, Codable, Sendable, CaseIterable {
    case single, multiple, rating, spans, boxes

    /// Spans and boxes: answers that mark parts of the item, a list scored by F1 rather than a vote.
    public var marksItem: Bool { itemKind != nil }

    /// The item kind a list-valued answer is made on; nil when any kind will do.
    public var itemKind: ItemKind? {
        switch self {
        case .single, .multiple, .rating: nil
        case .spans: .text
        case .boxes: .image
        }
    }
}
