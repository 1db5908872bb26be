import Foundation

extension AgreementReport {
    /// The report as compact JSON with sorted keys (what `agreement --json` prints); same content as `Codable`.
    public func jsonData() -> Data { Data(jsonBytes()) }

    /// `jsonData()` as bytes, for a caller that writes them out without a copy.
    public func jsonBytes() -> [UInt8] {
        var writer = JSONWriter(capacity: 4096 + perItem.count * 128 + cohenKappa.count * 200)
        write(into: &writer)
        return writer.bytes
    }

    /// The same JSON as `jsonData()`, handed to `sink` in chunks of about 64 KB as it is written,
    /// so a report of any size is never held whole (an export streams it into the blob store).
    public func writeJSON(to sink: @escaping ([UInt8]) -> Void) {
        var writer = JSONWriter(sink: sink)
        write(into: &writer)
        writer.finish()
    }

    private func write(into writer: inout JSONWriter) {
        var fields: [(String, (inout JSONWriter) -> Void)] = [
            ("items", { $0.integer(items) }),
            ("annotations", { $0.integer(annotations) }),
            ("labels", { $0.array(labels) { $0.string($1) } }),
            ("percent_agreement", { $0.number(percentAgreement) }),
            (
                "krippendorff_alpha",
                { writer in
                    writer.object(
                        krippendorffAlpha.levels.map { level in
                            (level.rawValue, { $0.number(krippendorffAlpha[level]) })
                        })
                }
            ),
            ("alpha_level", { $0.string(alphaLevel.rawValue) }),
            ("alpha_ci95", { $0.numbers(alphaCI95) }),
            ("fleiss_kappa", { $0.number(fleissKappa) }),
            ("fleiss_kappa_generalized", { $0.number(fleissKappaGeneralized) }),
            ("gwet_ac1", { $0.number(gwetAC1) }),
            (
                "gwet_ac2",
                { writer in
                    guard let gwetAC2 else { return writer.raw("null") }
                    writer.object([
                        ("linear", { $0.number(gwetAC2.linear) }), ("quadratic", { $0.number(gwetAC2.quadratic) }),
                    ])
                }
            ),
            ("cohen_kappa", { $0.array(cohenKappa) { $0.pair($1) } }),
            ("per_item", { $0.items(perItem) }),
            (
                "per_label",
                {
                    $0.array(perLabel) { writer, row in
                        writer.object([
                            ("label", { $0.string(row.label) }), ("alpha", { $0.number(row.alpha) }),
                            ("n", { $0.integer(row.n) }),
                        ])
                    }
                }
            ),
            ("annotators", { $0.array(annotators) { $0.annotator($1) } }),
            (
                "per_guideline_version",
                {
                    $0.array(perGuidelineVersion) { writer, row in
                        writer.object([
                            ("guideline_version", { $0.integer(row.guidelineVersion) }),
                            ("items", { $0.integer(row.items) }), ("annotations", { $0.integer(row.annotations) }),
                            ("alpha", { $0.number(row.alpha) }),
                        ])
                    }
                }
            ),
            (
                "over_time",
                {
                    $0.array(overTime) { writer, row in
                        writer.object([
                            ("until", { $0.string(row.until) }), ("items", { $0.integer(row.items) }),
                            ("alpha", { $0.number(row.alpha) }),
                        ])
                    }
                }
            ),
            ("notes", { $0.array(notes) { $0.string($1) } }),
        ]
        if let spanAgreement { fields.append(("span_agreement", { $0.listAgreement(spanAgreement) })) }
        if let boxAgreement { fields.append(("box_agreement", { $0.listAgreement(boxAgreement) })) }
        writer.object(fields)
    }
}

extension JSONWriter {
    mutating func pair(_ row: PairAgreement) {
        object([
            ("a", { $0.string(row.a) }), ("b", { $0.string(row.b) }), ("n", { $0.integer(row.n) }),
            ("kappa", { $0.number(row.kappa) }), ("kappa_linear", { $0.number(row.kappaLinear) }),
            ("kappa_quadratic", { $0.number(row.kappaQuadratic) }), ("scott_pi", { $0.number(row.scottPi) }),
            ("agreement", { $0.number(row.agreement) }),
        ])
    }

    /// Per-item rows are the bulk of a large report: written on both cores (`rows`).
    mutating func items(_ rows: [ItemAgreement]) {
        self.rows(rows, bytesPerRow: 128) { $0.item($1) }
    }

    /// One per-item row, keys written in sorted order by hand.
    mutating func item(_ row: ItemAgreement) {
        raw("{\"agreement\":")
        number(row.agreement)
        raw(",\"item\":")
        string(row.item)
        raw(",\"labels\":")
        map(row.labels) { $0.integer($1) }
        raw(",\"n\":")
        integer(row.n)
        raw("}")
    }

    mutating func annotator(_ row: AnnotatorSummary) {
        object([
            ("annotator", { $0.string(row.annotator) }), ("annotations", { $0.integer(row.annotations) }),
            ("agreement_with_peers", { $0.number(row.agreementWithPeers) }),
            ("label_distribution", { $0.map(row.labelDistribution) { $0.integer($1) } }),
            (
                "bias",
                { writer in
                    writer.object([
                        ("divergence", { $0.number(row.bias.divergence) }), ("p_value", { $0.number(row.bias.pValue) }),
                        ("flagged", { $0.bool(row.bias.flagged) }),
                        ("overused", { $0.optionalString(row.bias.overused) }),
                    ])
                }
            ),
            ("gold_accuracy", { $0.number(row.goldAccuracy) }),
            ("gold_accuracy_ci95", { $0.numbers(row.goldAccuracyCI95) }),
            ("median_seconds", { $0.number(row.medianSeconds) }), ("too_fast", { $0.bool(row.tooFast) }),
        ])
    }
}
