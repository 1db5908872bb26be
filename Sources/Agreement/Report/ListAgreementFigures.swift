/// The figures of a list answer's report (`SpanAgreement`, `BoxAgreement`) as the terminal table and
/// the JSON writer lay them out: `pairs`, the kind's figures, and a pair F1 per label.
protocol ListAgreementFigures {
    /// The table's title word: "Span", "Box".
    static var title: String { get }
    var pairs: Int { get }
    /// The figures after `pairs` in order, by their name in the table and their JSON key. The first is
    /// the pair F1, which each label's row gives too.
    var figures: [(name: String, key: String, value: Double?)] { get }
    var labelRows: [(label: String, f1: Double?, n: Int)] { get }
}

extension SpanAgreement: ListAgreementFigures {
    static let title = "Span"

    var figures: [(name: String, key: String, value: Double?)] {
        [
            ("F1 exact", "f1_exact", f1Exact), ("F1 overlap", "f1_overlap", f1Overlap),
            ("character alpha", "char_alpha", charAlpha),
        ]
    }

    var labelRows: [(label: String, f1: Double?, n: Int)] { perLabel.map { ($0.label, $0.f1Exact, $0.n) } }
}

extension BoxAgreement: ListAgreementFigures {
    static let title = "Box"

    var figures: [(name: String, key: String, value: Double?)] {
        [("F1 at IoU 0.5", "f1_iou50", f1IoU50), ("mean IoU", "mean_iou", meanIoU)]
    }

    var labelRows: [(label: String, f1: Double?, n: Int)] { perLabel.map { ($0.label, $0.f1IoU50, $0.n) } }
}

extension AgreementReport {
    /// The terminal report for list answers: the kind's figures, per label, and the annotators, with
    /// their gold accuracy when `goldColumn` (the box table has it; the span table was written without).
    func renderListTable(_ figures: some ListAgreementFigures, goldColumn: Bool) -> String {
        let title = type(of: figures).title
        var lines = ["\(title) agreement: \(items) items, \(annotations) annotations, \(labels.count) labels", ""]
        lines += Self.align(
            [["figure", "value"], ["pairs", String(figures.pairs)]] + figures.figures.map { [$0.name, Self.show($0.value)] },
            numeric: [1])
        lines.append("")
        lines.append("Per label")
        lines += Self.align(
            [["label", "pairs", figures.figures[0].name]] + figures.labelRows.map { [$0.label, String($0.n), Self.show($0.f1)] },
            numeric: [1, 2])
        lines.append("")
        lines.append("Annotators")
        let header = ["annotator", "n", "F1 with peers"] + (goldColumn ? ["gold"] : []) + ["median s"]
        lines += Self.align(
            [header]
                + annotators.map {
                    [$0.annotator, String($0.annotations), Self.show($0.agreementWithPeers)]
                        + (goldColumn ? [Self.show($0.goldAccuracy)] : []) + [Self.show($0.medianSeconds, digits: 1)]
                }, numeric: Set(1..<header.count))
        if !notes.isEmpty {
            lines.append("")
            lines.append("Notes")
            lines += notes.map { "- " + $0 }
        }
        return lines.joined(separator: "\n")
    }
}

extension JSONWriter {
    /// A span or box object: `{`, `"confidence":…,` for a consensus mark (the first key in sorted
    /// order), the mark's own keys as `keys` writes them, `}`.
    @inline(__always) mutating func mark(confidence: Double?, _ keys: (inout JSONWriter) -> Void) {
        bytes.append(0x7B)
        if let confidence {
            raw("\"confidence\":")
            share(confidence)
            bytes.append(0x2C)
        }
        keys(&self)
        bytes.append(0x7D)
    }

    /// The report's `span_agreement` or `box_agreement` object.
    mutating func listAgreement(_ figures: some ListAgreementFigures) {
        let f1Key = figures.figures[0].key
        var fields: [(String, (inout JSONWriter) -> Void)] = [("pairs", { $0.integer(figures.pairs) })]
        for figure in figures.figures { fields.append((figure.key, { $0.number(figure.value) })) }
        fields.append(
            (
                "per_label",
                {
                    $0.array(figures.labelRows) { writer, row in
                        writer.object([
                            ("label", { $0.string(row.label) }), (f1Key, { $0.number(row.f1) }), ("n", { $0.integer(row.n) }),
                        ])
                    }
                }
            ))
        object(fields)
    }
}
