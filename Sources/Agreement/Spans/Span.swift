import Foundation

/// One marked range of an item's text: `text[start..<end]` counted in Unicode code points (as
/// Python slices a `str`), with the entity class it was given.
///
/// Consensus spans also carry `confidence`, the share of the item's annotators who marked exactly
/// this span; an annotator's span has none.
public struct Span: Hashable, Sendable, Codable {
    public var start: Int
    public var end: Int
    public var label: String
    public var confidence: Double?

    /// Creates a span; `confidence` is only for consensus spans.
    public init(start: Int, end: Int, label: String, confidence: Double? = nil) {
        self.start = start
        self.end = end
        self.label = label
        self.confidence = confidence
    }

    /// How an error names the span: its 1-based position in the list as sent, and its value.
    func described(position: Int) -> String {
        "span \(position) (start \(start), end \(end), label \"\(label)\")"
    }
}
