extension JSONWriter {
    /// A span object, keys in sorted order; `confidence` only on consensus spans.
    mutating func span(_ span: Span) {
        bytes.append(0x7B)
        if let confidence = span.confidence {
            raw("\"confidence\":")
            number(confidence)
            bytes.append(0x2C)
        }
        raw("\"end\":")
        integer(span.end)
        raw(",\"label\":")
        string(span.label)
        raw(",\"start\":")
        integer(span.start)
        bytes.append(0x7D)
    }

    /// A label value as JSON, for messages that quote it.
    static func labelBytes(_ value: LabelValue) -> [UInt8] {
        var writer = JSONWriter(capacity: 64)
        writer.label(value)
        return writer.bytes
    }
}

extension JSONWriter {
    /// The report's `span_agreement` object.
    mutating func spanAgreement(_ figures: SpanAgreement) {
        object([
            ("pairs", { $0.integer(figures.pairs) }), ("f1_exact", { $0.number(figures.f1Exact) }),
            ("f1_overlap", { $0.number(figures.f1Overlap) }), ("char_alpha", { $0.number(figures.charAlpha) }),
            (
                "per_label",
                {
                    $0.array(figures.perLabel) { writer, row in
                        writer.object([
                            ("label", { $0.string(row.label) }), ("f1_exact", { $0.number(row.f1Exact) }),
                            ("n", { $0.integer(row.n) }),
                        ])
                    }
                }
            ),
        ])
    }
}
