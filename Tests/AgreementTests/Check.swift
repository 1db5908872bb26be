import Foundation

@testable import Agreement

/// One expected value with its path and tolerance.
struct Check: @unchecked Sendable, CustomStringConvertible {
    let path: [String]
    let value: Any
    let tolerance: Double

    init(_ entry: [String: Any], oracle: Bool) {
        // Oracle values carry no precision: they are checked to 1e-9 like unlabeled published ones.
        path = (entry["path"] as? [Any] ?? []).map { "\($0)" }
        value = entry["value"] ?? NSNull()
        if let decimals = entry["decimals"] as? Int {
            tolerance = 0.5 * pow(10, -Double(decimals)) + 1e-12
        } else if let atol = entry["atol"] as? Double {
            tolerance = atol
        } else {
            tolerance = 1e-9
        }
    }

    var number: Double? { (value as? NSNumber)?.doubleValue }

    /// The expected label as a report key (1 → "1").
    var labelKey: String {
        if let text = value as? String { return text }
        if let number { return LabelValue.format(number) }
        return "\(value)"
    }

    var description: String { path.joined(separator: ".") + " = \(value)" }
}
