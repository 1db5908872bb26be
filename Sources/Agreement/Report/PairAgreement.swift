/// Cohen's kappa and friends for one pair of annotators sharing at least two items.
public struct PairAgreement: Codable, Sendable, Equatable {
    public var a: String
    public var b: String
    /// Items both annotated.
    public var n: Int
    @NullWhenUndefined public var kappa: Double?
    @NullWhenUndefined public var kappaLinear: Double?
    @NullWhenUndefined public var kappaQuadratic: Double?
    @NullWhenUndefined public var scottPi: Double?
    @NullWhenUndefined public var agreement: Double?

    enum CodingKeys: String, CodingKey {
        case a, b, n, kappa, agreement
        case kappaLinear = "kappa_linear"
        case kappaQuadratic = "kappa_quadratic"
        case scottPi = "scott_pi"
    }
}
