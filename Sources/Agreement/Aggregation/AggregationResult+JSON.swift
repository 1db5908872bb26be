import Foundation

extension AggregationResult {
    /// The result as compact JSON with sorted keys (what `aggregate --json` prints); same content as `Codable`.
    public func jsonData() -> Data {
        var writer = JSONWriter(capacity: 256 + labels.count * 64)
        writer.object([
            ("method", { $0.string(method) }),
            (
                "labels",
                {
                    // One row per item: written on both cores.
                    $0.rows(labels, bytesPerRow: 64) { writer, row in
                        writer.raw("{\"confidence\":")
                        writer.number(row.confidence)
                        writer.raw(",\"item\":")
                        writer.string(row.item)
                        writer.raw(",\"label\":")
                        writer.label(row.label)
                        writer.raw("}")
                    }
                }
            ),
            (
                "annotators",
                {
                    $0.array(annotators) { writer, row in
                        writer.object([
                            ("annotator", { $0.string(row.annotator) }), ("skill", { $0.number(row.skill) }),
                            ("confusion", { $0.map(row.confusion) { $0.map($1) { $0.number($1) } } }),
                        ])
                    }
                }
            ),
            ("iterations", { writer in iterations.map { writer.integer($0) } ?? writer.raw("null") }),
            ("priors", { writer in priors.map { writer.map($0) { $0.number($1) } } ?? writer.raw("null") }),
            ("notes", { $0.array(notes) { $0.string($1) } }),
        ])
        return Data(writer.bytes)
    }
}
