extension JSONWriter {
    /// A span object, keys in sorted order; `confidence` only on consensus spans.
    mutating func span(_ span: Span) {
        mark(confidence: span.confidence) {
            $0.raw("\"end\":")
            $0.integer(span.end)
            $0.raw(",\"label\":")
            $0.string(span.label)
            $0.raw(",\"start\":")
            $0.integer(span.start)
        }
    }

    /// A label value as JSON, for messages that quote it.
    static func labelBytes(_ value: LabelValue) -> [UInt8] {
        var writer = JSONWriter(capacity: 64)
        writer.label(value)
        return writer.bytes
    }
}
