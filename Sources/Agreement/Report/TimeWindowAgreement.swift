/// Nominal alpha over one window of items, ordered by the time of their last annotation.
public struct TimeWindowAgreement: Codable, Sendable, Equatable {
    /// ISO 8601 time of the window's last annotation.
    public var until: String
    public var items: Int
    public var alpha: Double?

    /// Encodes every key, writing undefined figures as null rather than leaving them out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(until, forKey: .until)
        try container.encode(items, forKey: .items)
        try container.encode(alpha, forKey: .alpha)
    }

    enum CodingKeys: String, CodingKey { case until, items, alpha }
}
