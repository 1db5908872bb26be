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

    /// Serializes a JSONSerialization value (strings, numbers, booleans, null, arrays, objects)
    /// with sorted keys. Written out here because JSONSerialization's writer took about 25 µs for
    /// a two-key object: most of an import's time went to re-serializing `meta`.
    public static func value(_ value: Any) -> String {
        var out = ""
        append(value, to: &out)
        return out
    }

    private static func append(_ value: Any, to out: inout String) {
        switch value {
        case let text as String:
            out += string(text)
        case is NSNull:
            out += "null"
        case let number as NSNumber:
            // Booleans arrive as NSNumber too; the Objective-C type tells them apart.
            switch String(cString: number.objCType) {
            case "c": out += number.boolValue ? "true" : "false"
            case "d", "f": out += self.number(number.doubleValue)
            case "Q": out += String(number.uint64Value)
            default: out += String(number.int64Value)
            }
        case let object as [String: Any]:
            out += "{"
            for (index, key) in object.keys.sorted().enumerated() {
                if index > 0 { out += "," }
                out += string(key)
                out += ":"
                append(object[key]!, to: &out)
            }
            out += "}"
        case let list as [Any]:
            out += "["
            for (index, element) in list.enumerated() {
                if index > 0 { out += "," }
                append(element, to: &out)
            }
            out += "]"
        default:
            let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed, .withoutEscapingSlashes])
            out += data.map { String(decoding: $0, as: UTF8.self) } ?? "null"
        }
    }
}
