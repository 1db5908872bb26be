/// Nominal alpha among the annotations made under one guideline version.
public struct VersionAgreement: Codable, Sendable, Equatable {
    public var guidelineVersion: Int
    public var items: Int
    public var annotations: Int
    public var alpha: Double?

    enum CodingKeys: String, CodingKey {
        case items, annotations, alpha
        case guidelineVersion = "guideline_version"
    }

    /// Encodes every key, writing undefined figures as null rather than leaving them out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(guidelineVersion, forKey: .guidelineVersion)
        try container.encode(items, forKey: .items)
        try container.encode(annotations, forKey: .annotations)
        try container.encode(alpha, forKey: .alpha)
    }
}
