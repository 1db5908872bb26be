/// Krippendorff's alpha at each level the labels allow; a level that is computed but undefined is null.
public struct AlphaByLevel: Codable, Sendable, Equatable {
    public var nominal: Double?
    public var ordinal: Double?
    public var interval: Double?
    public var ratio: Double?
    /// The levels that apply to these labels (nominal always; the others for numbers or rating scales).
    public var levels: [MeasurementLevel]

    /// Creates the set of values; `levels` says which keys appear in JSON.
    public init(
        nominal: Double? = nil, ordinal: Double? = nil, interval: Double? = nil, ratio: Double? = nil,
        levels: [MeasurementLevel] = [.nominal]
    ) {
        self.nominal = nominal
        self.ordinal = ordinal
        self.interval = interval
        self.ratio = ratio
        self.levels = levels
    }

    /// The value at a level (nil when undefined or not applicable).
    public subscript(level: MeasurementLevel) -> Double? {
        switch level {
        case .nominal: nominal
        case .ordinal: ordinal
        case .interval: interval
        case .ratio: ratio
        }
    }

    enum CodingKeys: String, CodingKey { case nominal, ordinal, interval, ratio }

    /// Decodes the form `encode(to:)` writes.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        nominal = try container.decodeIfPresent(Double.self, forKey: .nominal)
        ordinal = try container.decodeIfPresent(Double.self, forKey: .ordinal)
        interval = try container.decodeIfPresent(Double.self, forKey: .interval)
        ratio = try container.decodeIfPresent(Double.self, forKey: .ratio)
        levels = MeasurementLevel.allCases.filter { container.contains(CodingKeys(rawValue: $0.rawValue)!) }
    }

    /// Encodes every key, writing undefined figures as null rather than leaving them out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        for level in levels {
            // Generic encode of an Optional writes null, which is what an undefined level must show.
            try container.encode(self[level], forKey: CodingKeys(rawValue: level.rawValue)!)
        }
    }
}
