/// Nominal alpha over one window of items, ordered by the time of their last annotation.
public struct TimeWindowAgreement: Codable, Sendable, Equatable {
    /// ISO 8601 time of the window's last annotation.
    public var until: String
    public var items: Int
    @NullWhenUndefined public var alpha: Double?
}
