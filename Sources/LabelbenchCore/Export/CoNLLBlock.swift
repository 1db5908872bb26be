import Agreement

/// One item of `labels.conll`: a `TOKEN TAG` line per token with IOB2 tags, then a blank line.
///
/// Tokens are maximal runs of code points that are not whitespace, whitespace being what Python's
/// `str.isspace()` calls so (Unicode White_Space and the separators U+001C–U+001F), so the tokens are
/// exactly `text.split()`; newlines and tabs separate tokens like spaces and never end the item, and a
/// token can hold no whitespace, so every line splits into exactly two fields. A token that shares at
/// least one code point with a span is tagged with it, even where the span's boundary falls inside the
/// token: `B-LABEL` for the span's first such token, `I-LABEL` for the following ones. A token
/// overlapping two spans takes the first; a span that no token takes (one lying inside a token already
/// tagged, or over whitespace only) has no tag. `spans.jsonl` keeps the exact offsets.
enum CoNLLBlock {
    /// Appends the item's lines and the blank line that ends it; `spans` are sorted and do not overlap.
    static func append(text: String, spans: [Span], to out: inout String) {
        var lines: [UInt8] = []
        lines.reserveCapacity(text.utf8.count * 2 + 16)
        var text = text
        // Read as UTF-8 bytes and written as byte slices of the text: a code point starts at every byte
        // that is not a continuation byte, and only ASCII and a few 2- and 3-byte code points are whitespace.
        text.withUTF8 { bytes in
            var next = 0  // the first span not wholly before the current token
            var lastTagged = -1  // the span the previous tagged token took, so a second token gets I-
            var tokenStart = -1  // in code points
            var tokenFrom = 0  // in bytes
            var position = 0
            func endToken(at byte: Int) {
                lines.append(contentsOf: bytes[tokenFrom..<byte])
                while next < spans.count, spans[next].end <= tokenStart { next += 1 }
                if next < spans.count, spans[next].start < position {
                    lines.append(contentsOf: next == lastTagged ? " I-".utf8 : " B-".utf8)
                    lines.append(contentsOf: spans[next].label.utf8)
                    lines.append(0x0A)
                    lastTagged = next
                } else {
                    lines.append(contentsOf: " O\n".utf8)
                }
                tokenStart = -1
            }
            var index = 0
            while index < bytes.count {
                let lead = bytes[index]
                let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
                let space: Bool
                switch length {
                case 1: space = (0x09...0x0D).contains(lead) || (0x1C...0x20).contains(lead)
                case 2: space = lead == 0xC2 && (bytes[index + 1] == 0x85 || bytes[index + 1] == 0xA0)
                case 3:
                    let value = UInt32(lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
                    space = (lead == 0xE1 || lead == 0xE2 || lead == 0xE3) && isWhitespace(Unicode.Scalar(value)!)
                default: space = false
                }
                if space {
                    if tokenStart >= 0 { endToken(at: index) }
                } else if tokenStart < 0 {
                    tokenStart = position
                    tokenFrom = index
                }
                position += 1
                index += length
            }
            if tokenStart >= 0 { endToken(at: index) }
        }
        lines.append(0x0A)
        out += String(decoding: lines, as: UTF8.self)
    }

    /// Whitespace as Python's `str.isspace()` has it, so tokens are `text.split()`.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        // ASCII, most of any text, without the Unicode property lookup: tab to carriage return, U+001C to space.
        if scalar.value < 0x80 { return (0x09...0x0D).contains(scalar.value) || (0x1C...0x20).contains(scalar.value) }
        return scalar.properties.isWhitespace
    }
}
