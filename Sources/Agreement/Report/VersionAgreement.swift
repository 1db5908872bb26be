/// Nominal alpha among the annotations made under one guideline version.
public struct VersionAgreement: Codable, Sendable, Equatable {
    public var guidelineVersion: Int
    public var items: Int
    public var annotations: Int
    @NullWhenUndefined public var alpha: Double?

    enum CodingKeys: String, CodingKey {
        case items, annotations, alpha
        case guidelineVersion = "guideline_version"
    }
}
