/// Gwet's AC2 with linear and quadratic weights by scale position, for rating scales.
public struct WeightedAC2: Codable, Sendable, Equatable {
    @NullWhenUndefined public var linear: Double?
    @NullWhenUndefined public var quadratic: Double?
}
