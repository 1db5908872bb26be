import Foundation

/// The fast path for span lists: `[{"start": 0, "end": 5, "label": "PER"}, …]` read straight from
/// the line's bytes. Like the rest of the scanner it returns nil for anything unusual (escaped keys,
/// nested values, a string among the spans), and the Foundation path then reads or refuses the line.
extension LineScanner {
    /// Reads span objects after the opening `[`, up to and including the closing `]`.
    mutating func scanSpans() -> [Span]? {
        var spans: [Span] = []
        while true {
            guard expect(UInt8(ascii: "{")), let span = scanSpanFields() else { return nil }
            spans.append(span)
            guard let another = afterElement() else { return nil }
            if !another { return spans }
        }
    }

    /// Reads the members of one span object after its `{`; a missing member is left for the slow path to name.
    private mutating func scanSpanFields() -> Span? {
        var start: Double?
        var end: Double?
        var label: String?
        while true {
            skipSpace()
            guard let key = scanSpanKey(), expect(UInt8(ascii: ":")) else { return nil }
            skipSpace()
            guard index < bytes.count else { return nil }
            switch key {
            case .start:
                guard start == nil, let number = scanNumber() else { return nil }
                start = number
            case .end:
                guard end == nil, let number = scanNumber() else { return nil }
                end = number
            case .label:
                guard label == nil, let text = scanText() else { return nil }
                switch text {
                // Plain ASCII labels are short: a small string, no allocation.
                case .bytes(let bytes): label = String(decoding: bytes, as: UTF8.self)
                case .text(let decoded): label = decoded
                }
            case .other:
                guard skipScalar() else { return nil }
            }
            guard let another = afterMember() else { return nil }
            if another { continue }
            guard let start = start.flatMap(Span.offset), let end = end.flatMap(Span.offset), let label else {
                return nil
            }
            return Span(start: start, end: end, label: label)
        }
    }
}

extension LineScanner {
    enum SpanKey { case start, end, label, other }

    /// A span member's key read as bytes; nil for an escaped key, which the slow path decodes.
    private mutating func scanSpanKey() -> SpanKey? {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
        let start = index + 1
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\") { end += 1 }
        guard end < bytes.count, bytes[end] == UInt8(ascii: "\""), end > start else { return nil }
        index = end + 1
        // By length and first byte, then the rest: a generic sequence comparison costs more than the parse.
        @inline(__always) func equals(_ word: StaticString) -> Bool {
            end - start == word.utf8CodeUnitCount
                && memcmp(bytes.baseAddress! + start, word.utf8Start, word.utf8CodeUnitCount) == 0
        }
        switch bytes[start] {
        case UInt8(ascii: "s") where equals("start"): return .start
        case UInt8(ascii: "e") where equals("end"): return .end
        case UInt8(ascii: "l") where equals("label"): return .label
        default: return .other
        }
    }
}

extension Span {
    /// A JSON number as a code-point offset: an integer value (`3` or `3.0`) within `Int` range;
    /// nil otherwise. Range rules are `validated`'s.
    static func offset(_ number: Double) -> Int? {
        guard number == number.rounded(), abs(number) < 1e15 else { return nil }
        return Int(number)
    }
}
