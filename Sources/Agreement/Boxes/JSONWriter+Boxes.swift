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
        number(box.h)
        raw(",\"label\":")
        string(box.label)
        raw(",\"w\":")
        number(box.w)
        raw(",\"x\":")
        number(box.x)
        raw(",\"y\":")
        number(box.y)
        bytes.append(0x7D)
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
