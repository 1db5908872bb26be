/// What an item shows the annotator.
public enum ItemKind: String, Codable, Sendable, CaseIterable {
    case text, image
}

/// How an annotator answers: one label, any set of labels, a point on an ordered scale, or marked
/// ranges of a text item (`spans`, text tasks only).
public enum AnswerType: String, Codable, Sendable, CaseIterable {
    case single, multiple, rating, spans
}
