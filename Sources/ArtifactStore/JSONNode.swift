import Foundation

/// JSON with ordered object members, rendered exactly like Python's `json.dumps(obj, indent=N)` (ASCII-only output).
///
/// W&B writes `wandb_manifest.json` with `json.dump(manifest, fp, indent=4)`, so matching Python byte for byte
/// keeps our file's MD5 equal to the one W&B would compute.
indirect enum JSONNode {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSONNode])
    case object([(String, JSONNode)])

    /// Converts a value, sorting object keys by code point (Python's `sort_keys` order).
    init(_ value: JSONValue) {
        switch value {
        case .null: self = .null
        case .bool(let bool): self = .bool(bool)
        case .int(let int): self = .int(int)
        case .double(let double): self = .double(double)
        case .string(let string): self = .string(string)
        case .array(let items): self = .array(items.map(JSONNode.init))
        case .object(let members):
            self = .object(
                members.sorted { $0.key.unicodeScalars.lexicographicallyPrecedes($1.key.unicodeScalars) }
                    .map { ($0.key, JSONNode($0.value)) })
        }
    }

    /// Renders with `indent` spaces per level (Python's `", "`/`": "` separators when nil become `","`/`":"`, compact).
    func render(indent: Int?) -> String {
        var out = ""
        write(into: &out, indent: indent, level: 0)
        return out
    }

    private func write(into out: inout String, indent: Int?, level: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let bool): out += bool ? "true" : "false"
        case .int(let int): out += String(int)
        case .double(let double):
            // JSON has no NaN or infinity; null keeps the file parseable.
            if double.isFinite {
                out += double == double.rounded() && abs(double) < 1e16 ? String(format: "%.1f", double) : "\(double)"
            } else {
                out += "null"
            }
        case .string(let string): JSONNode.writeString(string, into: &out)
        case .array(let items):
            guard !items.isEmpty else {
                out += "[]"
                return
            }
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                JSONNode.newline(into: &out, indent: indent, level: level + 1)
                item.write(into: &out, indent: indent, level: level + 1)
            }
            JSONNode.newline(into: &out, indent: indent, level: level)
            out += "]"
        case .object(let members):
            guard !members.isEmpty else {
                out += "{}"
                return
            }
            out += "{"
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { out += "," }
                JSONNode.newline(into: &out, indent: indent, level: level + 1)
                JSONNode.writeString(key, into: &out)
                out += indent == nil ? ":" : ": "
                value.write(into: &out, indent: indent, level: level + 1)
            }
            JSONNode.newline(into: &out, indent: indent, level: level)
            out += "}"
        }
    }

    private static func newline(into out: inout String, indent: Int?, level: Int) {
        guard let indent else { return }
        out += "\n" + String(repeating: " ", count: indent * level)
    }

    /// Python's `ensure_ascii` string escaping: printable ASCII stays, everything else is `\uXXXX` (UTF-16 units).
    static func writeString(_ string: String, into out: inout String) {
        out += "\""
        for unit in string.utf16 {
            switch unit {
            case 0x22: out += "\\\""
            case 0x5c: out += "\\\\"
            case 0x0a: out += "\\n"
            case 0x0d: out += "\\r"
            case 0x09: out += "\\t"
            case 0x08: out += "\\b"
            case 0x0c: out += "\\f"
            case 0x20...0x7e: out.unicodeScalars.append(Unicode.Scalar(UInt8(unit)))
            default: out += String(format: "\\u%04x", unit)
            }
        }
        out += "\""
    }
}
