/// A box's rectangle without its label: what matching and consensus compute with.
struct BoxGeometry: Sendable, Equatable {
    var x: Double
    var y: Double
    var w: Double
    var h: Double

    init(x: Double, y: Double, w: Double, h: Double) {
        self.x = x
        self.y = y
        self.w = w
        self.h = h
    }

    init(_ box: Box) { self.init(x: box.x, y: box.y, w: box.w, h: box.h) }

    /// Intersection over union, written once so every caller (and the Python reference of the
    /// benchmark, which spells it the same way) gets the same bits at the 0.5 threshold.
    @inline(__always) func iou(_ other: BoxGeometry) -> Double {
        let across = min(x + w, other.x + other.w) - max(x, other.x)
        let down = min(y + h, other.y + other.h) - max(y, other.y)
        guard across > 0, down > 0 else { return 0 }
        let intersection = across * down
        return intersection / (w * h + other.w * other.h - intersection)
    }

    /// The order boxes of one label are kept in: by x, then y, w, h. Ties in the matching and in
    /// consensus are broken by it, so neither depends on the order boxes were sent in.
    @inline(__always) static func precedes(_ a: BoxGeometry, _ b: BoxGeometry) -> Bool {
        if a.x != b.x { return a.x < b.x }
        if a.y != b.y { return a.y < b.y }
        if a.w != b.w { return a.w < b.w }
        return a.h < b.h
    }
}
