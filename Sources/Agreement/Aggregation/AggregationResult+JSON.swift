import Foundation

extension AggregationResult {
    /// The result as compact JSON with sorted keys (what `aggregate --json` prints); same content as `Codable`.
    public func jsonData() -> Data { Data(jsonBytes()) }

    /// `jsonData()` as bytes, for a caller that writes them out without a copy.
    public func jsonBytes() -> [UInt8] {
        // Room for all of it up front: grown by doubling, a large document was copied several times.
        var rowBytes = 0
        for row in labels { rowBytes += Self.estimatedBytes(row.label) }
        var writer = JSONWriter(capacity: 4096 + rowBytes + annotators.count * 256)
        writer.object([
            ("method", { $0.string(method) }),
            (
                "labels",
                {
                    // One row per item: written on both cores.
                    $0.rows(labels, bytesPerRow: rowBytes / Swift.max(labels.count, 1)) { writer, row in
                        writer.raw("{\"confidence\":")
                        writer.share(row.confidence)
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
        return writer.bytes
    }

    /// About how many bytes a row with `label` takes, a little more rather than less.
    private static func estimatedBytes(_ label: LabelValue) -> Int {
        switch label {
        case .string, .number: 96
        case .strings(let list): 96 + 24 * list.count
        case .spans(let spans): 96 + 72 * spans.count
        case .boxes(let boxes): 96 + 128 * boxes.count
        }
    }
}
