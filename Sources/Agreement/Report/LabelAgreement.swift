/// Alpha of one label against all others (binary), and how often the label was given.
public struct LabelAgreement: Codable, Sendable, Equatable {
    public var label: String
    public var alpha: Double?
    public var n: Int

    /// Encodes every key, writing undefined figures as null rather than leaving them out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(label, forKey: .label)
        try container.encode(alpha, forKey: .alpha)
        try container.encode(n, forKey: .n)
    }

    enum CodingKeys: String, CodingKey { case label, alpha, n }
}
