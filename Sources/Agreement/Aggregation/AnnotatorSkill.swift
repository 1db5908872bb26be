/// An annotator's estimated skill and confusion matrix, `confusion[TRUE][GIVEN]` = P(given | true).
public struct AnnotatorSkill: Codable, Sendable, Equatable {
    public var annotator: String
    @NullWhenUndefined public var skill: Double?
    public var confusion: [String: [String: Double]]
}
