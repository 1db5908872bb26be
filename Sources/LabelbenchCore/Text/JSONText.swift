import Foundation

/// Deterministic JSON text for values written by hand into JSON Lines (exports, listings),
/// where key order and number format must not depend on a dictionary's hash order.
public enum JSONText {
    /// A JSON string literal with the escapes RFC 8259 requires.
    public static func string(_ value: String) -> String {
        // Fast path (most ids, texts and labels): nothing to escape, so the literal is the value in quotes.
        if !needsEscaping(value) { return "\"" + value + "\"" }
        var out = "\""
        out.reserveCapacity(value.utf8.count + 2)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// Whether any UTF-8 byte of `value` needs an escape: controls, `"`, `\\`, U+2028 or U+2029 (E2 80 A8/A9).
    private static func needsEscaping(_ value: String) -> Bool {
        var value = value
        return value.withUTF8 { bytes in
            var index = 0
            let count = bytes.count
            while index < count {
                let byte = bytes[index]
                if byte < 0x20 || byte == 0x22 || byte == 0x5C { return true }
                if byte == 0xE2, index + 2 < count, bytes[index + 1] == 0x80, bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9 {
                    return true
                }
                index += 1
            }
            return false
        }
    }

    /// A number as JSON: integers without a fraction, others with enough digits to round-trip.
    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// An optional number, `null` when absent.
    public static func number(_ value: Double?) -> String {
        value.map { number($0) } ?? "null"
    }

    /// Serializes a JSONSerialization-compatible value with sorted keys.
    public static func value(_ value: Any) -> String {
        if let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed, .withoutEscapingSlashes]) {
            return String(decoding: data, as: UTF8.self)
        }
        return "null"
    }
}
