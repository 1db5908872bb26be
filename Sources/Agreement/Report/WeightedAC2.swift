/// Gwet's AC2 with linear and quadratic weights by scale position, for rating scales.
public struct WeightedAC2: Codable, Sendable, Equatable {
    public var linear: Double?
    public var quadratic: Double?

    /// Encodes every key, writing undefined figures as null rather than leaving them out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(linear, forKey: .linear)
        try container.encode(quadratic, forKey: .quadratic)
    }

    enum CodingKeys: String, CodingKey { case linear, quadratic }
}
