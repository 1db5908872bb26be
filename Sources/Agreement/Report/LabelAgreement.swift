/// Alpha of one label against all others (binary), and how often the label was given.
public struct LabelAgreement: Codable, Sendable, Equatable {
    public var label: String
    @NullWhenUndefined public var alpha: Double?
    public var n: Int
}
