import Foundation

/// The fast path for span and box lists, `[{"start": 0, "end": 5, "label": "PER"}, …]` or
/// `[{"x": 12, "y": 40.5, "w": 30, "h": 80, "label": "car"}, …]`, read straight from the line's
/// bytes; the keys tell the kind. Like the rest of the scanner it returns nil for anything unusual
/// (escaped keys, nested values, a string among the objects, spans and boxes in one list), and the
/// Foundation path then reads or refuses the line.
extension LineScanner {
    /// Reads span or box objects after the opening `[`, up to and including the closing `]`. Boxes
    /// are left in `boxes`, their labels as found in the line.
    mutating func scanParts() -> RecordFields.ScannedLabel? {
        var spans: [Span] = []
        boxes.removeAll()
        while true {
            guard expect(UInt8(ascii: "{")), let part = scanPartFields() else { return nil }
            switch part {
            case .span(let span):
                guard boxes.shapes.isEmpty else { return nil }
                spans.append(span)
            case .box(let shape, let label):
                guard spans.isEmpty else { return nil }
                boxes.shapes.append(shape)
                boxes.labels.append(label)
            }
            guard let another = afterElement() else { return nil }
            if !another { return spans.isEmpty ? .scannedBoxes : .spans(spans) }
        }
    }

    private enum ScannedPart {
        case span(Span)
        case box(BoxGeometry, ScannedText)
    }

    /// Reads the members of one span or box object after its `{`; a missing member is left for
    /// the slow path to name.
    private mutating func scanPartFields() -> ScannedPart? {
        // start, end, x, y, w, h by `PartKey` position.
        var numbers: (Double?, Double?, Double?, Double?, Double?, Double?) = (nil, nil, nil, nil, nil, nil)
        var label: ScannedText?
        while true {
            skipSpace()
            guard let key = scanPartKey(), expect(UInt8(ascii: ":")) else { return nil }
            skipSpace()
            guard index < bytes.count else { return nil }
            @inline(__always) func read(_ slot: inout Double?) -> Bool {
                guard slot == nil, let number = scanNumber() else { return false }
                slot = number
                return true
            }
            switch key {
            case .start: guard read(&numbers.0) else { return nil }
            case .end: guard read(&numbers.1) else { return nil }
            case .x: guard read(&numbers.2) else { return nil }
            case .y: guard read(&numbers.3) else { return nil }
            case .w: guard read(&numbers.4) else { return nil }
            case .h: guard read(&numbers.5) else { return nil }
            case .label:
                guard label == nil, let text = scanText() else { return nil }
                label = text
            case .other:
                guard skipScalar() else { return nil }
            }
            guard let another = afterMember() else { return nil }
            if another { continue }
            guard let label else { return nil }
            switch numbers {
            case (let start?, let end?, nil, nil, nil, nil):
                guard let start = Span.offset(start), let end = Span.offset(end) else { return nil }
                return .span(Span(start: start, end: end, label: label.string))
            case (nil, nil, let x?, let y?, let w?, let h?):
                return .box(BoxGeometry(x: x, y: y, w: w, h: h), label)
            default: return nil
            }
        }
    }

    private enum PartKey { case start, end, x, y, w, h, label, other }

    /// A span or box member's key read as bytes; nil for an escaped key, which the slow path decodes.
    private mutating func scanPartKey() -> PartKey? {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
        let start = index + 1
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\") { end += 1 }
        guard end < bytes.count, bytes[end] == UInt8(ascii: "\""), end > start else { return nil }
        index = end + 1
        if end - start == 1 {
            switch bytes[start] {
            case UInt8(ascii: "x"): return .x
            case UInt8(ascii: "y"): return .y
            case UInt8(ascii: "w"): return .w
            case UInt8(ascii: "h"): return .h
            default: return .other
            }
        }
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

/// The boxes of one line as the scanner read them: rectangles, and labels as found in the line
/// (`ScannedText`), valid until the next line is read. Kept from line to line, so reading a box
/// list allocates nothing.
struct ScannedBoxes {
    var shapes: [BoxGeometry] = []
    var labels: [ScannedText] = []

    mutating func removeAll() {
        shapes.removeAll(keepingCapacity: true)
        labels.removeAll(keepingCapacity: true)
    }

    /// The boxes as values.
    var values: [Box] {
        zip(shapes, labels).map { Box(x: $0.x, y: $0.y, w: $0.w, h: $0.h, label: $1.string) }
    }
}
