import Foundation

/// Label Studio span offsets as code points of the item's text.
///
/// Label Studio counts code points (its frontend test "Should calculate offsets by code points in
/// text"), but exports made before that fix (HumanSignal/label-studio issue 1347) count UTF-16
/// units, as JavaScript strings do, so every offset after an emoji is off. The span's exported
/// `text` tells them apart: the code-point reading is taken when it gives that text, else the
/// UTF-16 reading when it does; a span whose text neither gives is refused.
struct LabelStudioOffsets {
    private let text: String
    private lazy var scalars = Array(text.unicodeScalars)
    private lazy var units = Array(text.utf16)

    init(text: String) {
        self.text = text
    }

    /// `{"start", "end", "label"}` in code points from a `labels` result value.
    mutating func span(_ value: [String: Any]) throws -> [String: Any] {
        guard let start = (value["start"] as? NSNumber)?.intValue, let end = (value["end"] as? NSNumber)?.intValue else {
            throw DomainError.invalid("a span needs \"start\" and \"end\"")
        }
        guard let labels = value["labels"] as? [String], labels.count == 1 else {
            throw DomainError.invalid("the span \(start)-\(end) needs exactly one label in \"labels\"")
        }
        let (from, to) = try codePoints(start: start, end: end, marked: value["text"] as? String)
        return ["start": from, "end": to, "label": labels[0]]
    }

    private mutating func codePoints(start: Int, end: Int, marked: String?) throws -> (Int, Int) {
        guard let marked, 0 <= start, start < end else { return (start, end) }
        if end <= scalars.count, String(String.UnicodeScalarView(scalars[start..<end])) == marked { return (start, end) }
        if end <= units.count, let from = scalarIndex(ofUnit: start), let to = scalarIndex(ofUnit: end),
            String(String.UnicodeScalarView(scalars[from..<to])) == marked
        {
            return (from, to)
        }
        throw DomainError.invalid(
            "the span \(start)-\(end) does not mark \"\(marked.prefix(40))\" in the text, counted in code points or in UTF-16 units"
        )
    }

    /// The code point at a UTF-16 offset, or nil inside a surrogate pair.
    private mutating func scalarIndex(ofUnit offset: Int) -> Int? {
        var counted = 0
        for (index, scalar) in scalars.enumerated() {
            if counted == offset { return index }
            if counted > offset { return nil }
            counted += scalar.utf16.count
        }
        return counted == offset ? scalars.count : nil
    }
}
