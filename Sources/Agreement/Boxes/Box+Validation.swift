import Foundation

/// Why a box list was refused; the message names the offending box.
public struct BoxListError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// The pixel size of the image a box list is drawn on.
public struct ImageSize: Hashable, Sendable {
    public var width: Double
    public var height: Double

    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }
}

extension Box {
    /// How far past an image edge a box may reach and still be taken (clamped to the edge): a
    /// drawing tool rounding half a pixel outward is not an annotator's mistake.
    public static let edgeTolerance = 0.5

    /// Checks an annotation's boxes and returns them in the order sent, clamped to the image.
    ///
    /// Every box needs finite coordinates, `w > 0`, `h > 0` and a non-empty label. `image` adds
    /// the rule that a box lies inside the image: an edge past it by at most `edgeTolerance` is
    /// moved onto it, more is refused. `labels` adds the task's classes. Offline neither is known,
    /// so both are optional. Errors name the box by its position in the list as sent.
    public static func validated(
        _ boxes: [Box], image: ImageSize? = nil, labels: Set<String>? = nil
    ) throws(BoxListError) -> [Box] {
        var checked: [Box] = []
        // Without an image nothing is clamped: the list is returned as sent, not copied box by box.
        if image != nil { checked.reserveCapacity(boxes.count) }
        for (index, box) in boxes.enumerated() {
            func refuse(_ problem: String) -> BoxListError {
                BoxListError(message: "\(box.described(position: index + 1)): \(problem)")
            }
            if let problem = problem(BoxGeometry(box), labelIsEmpty: box.label.isEmpty) { throw refuse(problem) }
            if let labels, !labels.contains(box.label) { throw refuse("\"\(box.label)\" is not one of the task's labels") }
            guard let image else { continue }
            guard let (x, w) = clamp(box.x, box.w, to: image.width),
                let (y, h) = clamp(box.y, box.h, to: image.height)
            else {
                throw refuse(
                    "lies outside the \(text(image.width))×\(text(image.height)) image "
                        + "(more than \(text(edgeTolerance)) px past an edge)")
            }
            checked.append(Box(x: x, y: y, w: w, h: h, label: box.label))
        }
        return image == nil ? boxes : checked
    }

    /// What is wrong with a box whatever the image and the task's labels, or nil: its coordinates
    /// must be finite, `w` and `h` positive and its label not empty.
    @inline(__always) static func problem(_ shape: BoxGeometry, labelIsEmpty: Bool) -> String? {
        guard shape.x.isFinite, shape.y.isFinite, shape.w.isFinite, shape.h.isFinite else {
            return "coordinates must be finite numbers"
        }
        if shape.w <= 0 { return "w must be greater than 0" }
        if shape.h <= 0 { return "h must be greater than 0" }
        return labelIsEmpty ? "label must not be empty" : nil
    }

    /// One axis of a box moved inside `0…size`, or nil when it reaches past an edge by more than
    /// the tolerance or nothing of it is left inside.
    private static func clamp(_ origin: Double, _ length: Double, to size: Double) -> (Double, Double)? {
        let far = origin + length
        guard origin >= -edgeTolerance, far <= size + edgeTolerance else { return nil }
        // A box inside the image keeps its numbers as sent: recomputing `far - origin` would turn
        // a sent 500.4 into 500.4000000000001.
        if origin >= 0, far <= size { return (origin, length) }
        let start = max(origin, 0)
        let end = min(far, size)
        return end > start ? (start, end - start) : nil
    }
}
