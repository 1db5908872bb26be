/// An annotator's estimated skill and confusion matrix, `confusion[TRUE][GIVEN]` = P(given | true).
public struct AnnotatorSkill: Codable, Sendable, Equatable {
    public var annotator: String
    public var skill: Double?
    public var confusion: [String: [String: Double]]

    /// Encodes every key, writing undefined figures as null rather than leaving them out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(annotator, forKey: .annotator)
        try container.encode(skill, forKey: .skill)
        try container.encode(confusion, forKey: .confusion)
    }

    enum CodingKeys: String, CodingKey { case annotator, skill, confusion }
}
