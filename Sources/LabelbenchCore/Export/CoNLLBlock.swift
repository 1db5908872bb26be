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
        var next = 0  // the first span not wholly before the current token
        var lastTagged = -1  // the span the previous tagged token took, so a second token gets I-
        var tokenStart = -1
        var position = 0
        func tag(tokenEnd: Int, out: inout String) {
            while next < spans.count, spans[next].end <= tokenStart { next += 1 }
            if next < spans.count, spans[next].start < tokenEnd {
                out += (next == lastTagged ? " I-" : " B-") + spans[next].label + "\n"
                lastTagged = next
            } else {
                out += " O\n"
            }
        }
        // Tokens are copied whole, as slices of the text, rather than code point by code point.
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        var tokenFrom = index
        while index < scalars.endIndex {
            if isWhitespace(scalars[index]) {
                if tokenStart >= 0 {
                    out.unicodeScalars.append(contentsOf: scalars[tokenFrom..<index])
                    tag(tokenEnd: position, out: &out)
                    tokenStart = -1
                }
            } else if tokenStart < 0 {
                tokenStart = position
                tokenFrom = index
            }
            position += 1
            index = scalars.index(after: index)
        }
        if tokenStart >= 0 {
            out.unicodeScalars.append(contentsOf: scalars[tokenFrom..<index])
            tag(tokenEnd: position, out: &out)
        }
        out += "\n"
    }

    /// Whitespace as Python's `str.isspace()` has it, so tokens are `text.split()`.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        // ASCII, most of any text, without the Unicode property lookup: tab to carriage return, U+001C to space.
        if scalar.value < 0x80 { return (0x09...0x0D).contains(scalar.value) || (0x1C...0x20).contains(scalar.value) }
        return scalar.properties.isWhitespace
    }
}
