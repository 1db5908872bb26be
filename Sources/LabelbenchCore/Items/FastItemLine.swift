/// A fast path for the most common JSONL item line, `{"id": "…", "text": "…"}`.
///
/// It accepts only a JSON object whose members are exactly a string `id` and a string `text`
/// (in any order, each once) with valid UTF-8 and the simple escapes (`\" \\ \/ \b \f \n \r \t`).
/// Anything else — other fields, numbers, `\u` escapes, duplicates, odd whitespace, invalid
/// input — returns nil and the caller uses the general JSONSerialization parser, so the accepted
/// lines and every error message stay exactly what the general parser gives.
enum FastItemLine {
    static func parse(_ p: UnsafeBufferPointer<UInt8>) -> (id: String, text: String)? {
        let n = p.count
        var i = 0
        @inline(__always) func skipSpace() {
            while i < n, p[i] == 0x20 || p[i] == 0x09 || p[i] == 0x0D || p[i] == 0x0A { i += 1 }
        }
        skipSpace()
        guard i < n, p[i] == UInt8(ascii: "{") else { return nil }
        i += 1
        var id: String?
        var text: String?
        while true {
            skipSpace()
            guard i < n, p[i] == UInt8(ascii: "\"") else { return nil }
            guard let key = string(p, &i) else { return nil }
            skipSpace()
            guard i < n, p[i] == UInt8(ascii: ":") else { return nil }
            i += 1
            skipSpace()
            guard i < n, p[i] == UInt8(ascii: "\"") else { return nil }
            guard let value = string(p, &i) else { return nil }
            switch key {
            case "id" where id == nil: id = value
            case "text" where text == nil: text = value
            default: return nil
            }
            skipSpace()
            guard i < n else { return nil }
            if p[i] == UInt8(ascii: ",") { i += 1; continue }
            guard p[i] == UInt8(ascii: "}") else { return nil }
            i += 1
            break
        }
        skipSpace()
        guard i == n, let id, let text else { return nil }
        return (id, text)
    }

    /// Reads the string literal starting at `p[i]` (a quote) and moves `i` past its closing quote.
    private static func string(_ p: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> String? {
        let n = p.count
        i += 1
        let start = i
        var escaped = false
        while i < n {
            let c = p[i]
            if c == UInt8(ascii: "\"") { break }
            if c < 0x20 { return nil }
            if c == UInt8(ascii: "\\") { escaped = true; i += 2; continue }
            i += 1
        }
        guard i < n else { return nil }
        let end = i
        i += 1
        if !escaped {
            return String(validating: UnsafeBufferPointer(rebasing: p[start..<end]), as: UTF8.self)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(end - start)
        var j = start
        while j < end {
            let c = p[j]
            j += 1
            guard c == UInt8(ascii: "\\") else { bytes.append(c); continue }
            guard j < end else { return nil }
            switch p[j] {
            case UInt8(ascii: "\""): bytes.append(0x22)
            case UInt8(ascii: "\\"): bytes.append(0x5C)
            case UInt8(ascii: "/"): bytes.append(0x2F)
            case UInt8(ascii: "b"): bytes.append(0x08)
            case UInt8(ascii: "f"): bytes.append(0x0C)
            case UInt8(ascii: "n"): bytes.append(0x0A)
            case UInt8(ascii: "r"): bytes.append(0x0D)
            case UInt8(ascii: "t"): bytes.append(0x09)
            default: return nil  // \u and anything unusual: the general parser decides
            }
            j += 1
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
