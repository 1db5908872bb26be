/// What an item shows the annotator.
public enum ItemKind: String, Codable, Sendable, CaseIterable {
    case text, image
}

/// How an annotator answers: one label, any set of labels, or a point on an ordered scale.
public enum AnswerType: String, Codable, Sendable, CaseIterable {
    case single, multiple, rating
}
