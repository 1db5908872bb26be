/// Krippendorff's levels of measurement; each picks a distance between two values.
public enum MeasurementLevel: String, Sendable, Codable, CaseIterable {
    case nominal, ordinal, interval, ratio
}
