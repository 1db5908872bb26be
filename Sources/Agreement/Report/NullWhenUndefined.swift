/// A figure that may be undefined, written as `null` in JSON rather than left out: the report's and
/// the aggregation's keys are all present whatever the data. Reading accepts `null` or a missing key.
@propertyWrapper
public struct NullWhenUndefined<Value: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    public var wrappedValue: Value?

    public init(wrappedValue: Value?) { self.wrappedValue = wrappedValue }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        wrappedValue = container.decodeNil() ? nil : try container.decode(Value.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue { try container.encode(wrappedValue) } else { try container.encodeNil() }
    }
}

extension KeyedDecodingContainer {
    /// A missing key reads as undefined, as it would for a plain optional.
    public func decode<Value>(_ type: NullWhenUndefined<Value>.Type, forKey key: Key) throws -> NullWhenUndefined<Value> {
        try decodeIfPresent(type, forKey: key) ?? NullWhenUndefined(wrappedValue: nil)
    }
}
