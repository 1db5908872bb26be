import Foundation

/// Deterministic JSON text for values written by hand into JSON Lines (exports, listings, reports),
/// where key order and number format must not depend on a dictionary's hash order.
///
/// The one place that decides how Labelbench writes a JSON string and a JSON number: the `String`
/// forms here and the byte forms (`appendString`, `appendNumber`) the report writers use give the
/// same text. Strings escape `"`, `\\`, control characters, and U+2028/U+2029 (valid JSON, but line
/// breaks to JavaScript and to some JSONL readers).
public enum JSONText {
    /// A JSON string literal with the escapes RFC 8259 requires, and U+2028/U+2029 escaped.
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

    /// Appends the literal `string(value)` gives, as UTF-8 bytes.
    public static func appendString(_ value: String, to bytes: inout [UInt8]) {
        if needsEscaping(value) {
            bytes.append(contentsOf: string(value).utf8)
            return
        }
        bytes.append(0x22)
        bytes.append(contentsOf: value.utf8)
        bytes.append(0x22)
    }

    /// Appends the text `number(value)` gives, as UTF-8 bytes; whole numbers are written digit by
    /// digit, since counts are most of a report's numbers.
    public static func appendNumber(_ value: Double, to bytes: inout [UInt8]) {
        guard value.isFinite else {
            bytes.append(contentsOf: "null".utf8)
            return
        }
        guard value == value.rounded(), abs(value) < 1e15 else {
            bytes.append(contentsOf: value.description.utf8)
            return
        }
        let whole = Int64(value)
        if whole < 0 { bytes.append(0x2D) }
        var rest = whole.magnitude
        var divisor: UInt64 = 1
        while rest / divisor >= 10 { divisor *= 10 }
        while divisor > 0 {
            bytes.append(0x30 + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
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
                if byte == 0xE2, index + 2 < count, bytes[index + 1] == 0x80, bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9
                {
                    return true
                }
                index += 1
            }
            return false
        }
    }

    /// A number as JSON: integers without a fraction, others with enough digits to round-trip;
    /// `null` for NaN and infinities, which JSON cannot hold.
    public static func number(_ value: Double) -> String {
        var bytes: [UInt8] = []
        appendNumber(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
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
            let data = try? JSONSerialization.data(
                withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed, .withoutEscapingSlashes])
            out += data.map { String(decoding: $0, as: UTF8.self) } ?? "null"
        }
    }
}
