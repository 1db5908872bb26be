/// A fast path for the most common JSONL item lines, `{"id": "…", "text": "…"}` with an optional
/// flat `"meta": {…}`.
///
/// It accepts only a JSON object whose members are a string `id`, a string `text` and, at most
/// once, a `meta` object whose values are strings, whole numbers (up to 18 digits), `true`,
/// `false` or `null`; strings must be valid UTF-8 with the simple escapes (`\" \\ \/ \b \f \n \r \t`), read by
/// `JSONStringScanner`.
/// Anything else — other fields, nested or fractional values, `\u` escapes, duplicate keys, odd
/// whitespace, invalid input — returns nil and the caller uses the general JSONSerialization
/// parser, so the accepted lines, the stored `meta` text and every error message stay exactly
/// what the general parser gives.
enum FastItemLine {
    static func parse(_ p: UnsafeBufferPointer<UInt8>) -> (id: String, text: String, meta: String?)? {
        let n = p.count
        var i = 0
        skipSpace(p, &i)
        guard i < n, p[i] == UInt8(ascii: "{") else { return nil }
        i += 1
        var id: String?
        var text: String?
        var meta: String?
        while true {
            skipSpace(p, &i)
            guard i < n, p[i] == UInt8(ascii: "\""), let key = string(p, &i) else { return nil }
            skipSpace(p, &i)
            guard i < n, p[i] == UInt8(ascii: ":") else { return nil }
            i += 1
            skipSpace(p, &i)
            guard i < n else { return nil }
            switch key {
            case "id" where id == nil && p[i] == UInt8(ascii: "\""):
                guard let value = string(p, &i) else { return nil }
                id = value
            case "text" where text == nil && p[i] == UInt8(ascii: "\""):
                guard let value = string(p, &i) else { return nil }
                text = value
            case "meta" where meta == nil && p[i] == UInt8(ascii: "{"):
                guard let value = flatObject(p, &i) else { return nil }
                meta = value
            default:
                return nil
            }
            guard let another = afterMember(p, &i) else { return nil }
            if another { continue }
            break
        }
        skipSpace(p, &i)
        guard i == n, let id, let text else { return nil }
        return (id, text, meta)
    }

    @inline(__always) private static func skipSpace(_ p: UnsafeBufferPointer<UInt8>, _ i: inout Int) {
        while i < p.count, p[i] == 0x20 || p[i] == 0x09 || p[i] == 0x0D || p[i] == 0x0A { i += 1 }
    }

    /// After an object member: true past a comma (another member follows), false past the closing
    /// brace, nil for anything else.
    private static func afterMember(_ p: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> Bool? {
        skipSpace(p, &i)
        guard i < p.count else { return nil }
        if p[i] == UInt8(ascii: ",") {
            i += 1
            return true
        }
        guard p[i] == UInt8(ascii: "}") else { return nil }
        i += 1
        return false
    }

    /// Reads the flat object starting at `p[i]` (a brace) and writes it as `JSONText.value` would:
    /// sorted keys, no spaces, strings re-escaped, numbers and literals as they were.
    private static func flatObject(_ p: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> String? {
        let n = p.count
        i += 1
        var members: [(key: String, value: String)] = []
        skipSpace(p, &i)
        if i < n, p[i] == UInt8(ascii: "}") {
            i += 1
            return "{}"
        }
        while true {
            skipSpace(p, &i)
            guard i < n, p[i] == UInt8(ascii: "\""), let key = string(p, &i) else { return nil }
            // JSONSerialization keeps one of two equal keys; which one is its business, so leave it to it.
            if members.contains(where: { $0.key == key }) { return nil }
            skipSpace(p, &i)
            guard i < n, p[i] == UInt8(ascii: ":") else { return nil }
            i += 1
            skipSpace(p, &i)
            guard i < n, let value = scalar(p, &i) else { return nil }
            members.append((key, value))
            guard let another = afterMember(p, &i) else { return nil }
            if another { continue }
            break
        }
        members.sort { $0.key < $1.key }
        var out = "{"
        for (index, member) in members.enumerated() {
            if index > 0 { out += "," }
            out += JSONText.string(member.key)
            out += ":"
            out += member.value
        }
        return out + "}"
    }

    /// A string, whole number, `true`, `false` or `null` at `p[i]`, as `JSONText` writes it.
    private static func scalar(_ p: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> String? {
        let n = p.count
        switch p[i] {
        case UInt8(ascii: "\""):
            return string(p, &i).map(JSONText.string)
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            for word in ["true", "false", "null"]
            where n - i >= word.utf8.count
                && word.utf8.elementsEqual(UnsafeBufferPointer(rebasing: p[i..<(i + word.utf8.count)]))
            {
                i += word.utf8.count
                return word
            }
            return nil
        default:
            // -?(0|[1-9][0-9]*) with at most 18 digits, so it fits Int64 and reads back the same;
            // "-0", fractions and exponents go to the general parser.
            let start = i
            if p[i] == UInt8(ascii: "-") { i += 1 }
            let digitsStart = i
            while i < n, p[i] >= UInt8(ascii: "0"), p[i] <= UInt8(ascii: "9") { i += 1 }
            let digits = i - digitsStart
            guard digits >= 1, digits <= 18, p[digitsStart] != UInt8(ascii: "0") || (digits == 1 && start == digitsStart) else {
                return nil
            }
            if i < n, p[i] == UInt8(ascii: ".") || p[i] == UInt8(ascii: "e") || p[i] == UInt8(ascii: "E") { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: p[start..<i]), as: UTF8.self)
        }
    }

    /// Reads the string literal starting at `p[i]` (a quote) and moves `i` past its closing quote;
    /// `\u` escapes are left to the general parser.
    private static func string(_ p: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> String? {
        JSONStringScanner.scan(UnsafeRawBufferPointer(p), at: &i, unicodeEscapes: false)
    }
}
