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
