import Foundation

/// One object marked on an image: a rectangle in pixels of the stored image (origin top-left) with
/// the object class it was given.
///
/// Consensus boxes also carry `confidence`, the share of the item's annotators who have a box in
/// the box's cluster; an annotator's box has none.
public struct Box: Hashable, Sendable, Codable {
    public var x: Double
    public var y: Double
    public var w: Double
    public var h: Double
    public var label: String
    public var confidence: Double?

    /// Creates a box; `confidence` is only for consensus boxes.
    public init(x: Double, y: Double, w: Double, h: Double, label: String, confidence: Double? = nil) {
        self.x = x
        self.y = y
        self.w = w
        self.h = h
        self.label = label
        self.confidence = confidence
    }

    /// How an error names the box: its 1-based position in the list as sent, and its value.
    func described(position: Int) -> String {
        "box \(position) (x \(Self.text(x)), y \(Self.text(y)), w \(Self.text(w)), h \(Self.text(h)), "
            + "label \"\(label)\")"
    }

    /// A coordinate as a person wrote it: `12` rather than `12.0`.
    static func text(_ value: Double) -> String {
        value.isFinite && value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
