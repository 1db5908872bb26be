extension JSONWriter {
    /// A box object, keys in sorted order; `confidence` only on consensus boxes.
    mutating func box(_ box: Box) {
        bytes.append(0x7B)
        if let confidence = box.confidence {
            raw("\"confidence\":")
            number(confidence)
            bytes.append(0x2C)
        }
        raw("\"h\":")
        coordinate(box.h)
        raw(",\"label\":")
        string(box.label)
        raw(",\"w\":")
        coordinate(box.w)
        raw(",\"x\":")
        coordinate(box.x)
        raw(",\"y\":")
        coordinate(box.y)
        bytes.append(0x7D)
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

extension JSONWriter {
    /// The report's `box_agreement` object.
    mutating func boxAgreement(_ figures: BoxAgreement) {
        object([
            ("pairs", { $0.integer(figures.pairs) }), ("f1_iou50", { $0.number(figures.f1IoU50) }),
            ("mean_iou", { $0.number(figures.meanIoU) }),
            (
                "per_label",
                {
                    $0.array(figures.perLabel) { writer, row in
                        writer.object([
                            ("label", { $0.string(row.label) }), ("f1_iou50", { $0.number(row.f1IoU50) }),
                            ("n", { $0.integer(row.n) }),
                        ])
                    }
                }
            ),
        ])
    }
}
