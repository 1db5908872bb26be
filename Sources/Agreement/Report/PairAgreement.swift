/// Cohen's kappa and friends for one pair of annotators sharing at least two items.
public struct PairAgreement: Codable, Sendable, Equatable {
    public var a: String
    public var b: String
    /// Items both annotated.
    public var n: Int
    public var kappa: Double?
    public var kappaLinear: Double?
    public var kappaQuadratic: Double?
    public var scottPi: Double?
    public var agreement: Double?

    enum CodingKeys: String, CodingKey {
        case a, b, n, kappa, agreement
        case kappaLinear = "kappa_linear"
        case kappaQuadratic = "kappa_quadratic"
        case scottPi = "scott_pi"
    }

    /// Encodes every key, writing undefined figures as null rather than leaving them out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(a, forKey: .a)
        try container.encode(b, forKey: .b)
        try container.encode(n, forKey: .n)
        try container.encode(kappa, forKey: .kappa)
        try container.encode(kappaLinear, forKey: .kappaLinear)
        try container.encode(kappaQuadratic, forKey: .kappaQuadratic)
        try container.encode(scottPi, forKey: .scottPi)
        try container.encode(agreement, forKey: .agreement)
    }
}
