extension JSONWriter {
    /// A box object, keys in sorted order; `confidence` only on consensus boxes.
    mutating func box(_ box: Box) {
        mark(confidence: box.confidence) {
            $0.raw("\"h\":")
            $0.coordinate(box.h)
            $0.raw(",\"label\":")
            $0.string(box.label)
            $0.raw(",\"w\":")
            $0.coordinate(box.w)
            $0.raw(",\"x\":")
            $0.coordinate(box.x)
            $0.raw(",\"y\":")
            $0.coordinate(box.y)
        }
    }
}

extension JSONWriter {
    /// A box coordinate as `number` writes it. Pixels are mostly whole or given to a tenth, and a
    /// median of two is a twentieth: such values are written digit by digit here rather than
    /// through `Double.description`, which made a String for each of a consensus's millions of
    /// numbers. The shortest decimal that reads back as the double nearest to k/100 is k/100
    /// itself, which is what `description` prints.
    mutating func coordinate(_ value: Double) {
        guard value != value.rounded(), abs(value) < 1e12 else { return number(value) }
        let scaled = (value * 100).rounded()
        guard scaled / 100 == value else { return number(value) }
        var hundredths = Int64(scaled)
        if hundredths < 0 {
            bytes.append(0x2D)
            hundredths = -hundredths
        }
        integer(Int(hundredths / 100))
        bytes.append(0x2E)
        let fraction = hundredths % 100
        bytes.append(0x30 + UInt8(fraction / 10))
        if fraction % 10 != 0 { bytes.append(0x30 + UInt8(fraction % 10)) }
    }
}
