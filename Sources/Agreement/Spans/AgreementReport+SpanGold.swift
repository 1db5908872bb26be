extension AgreementReport {
    /// Per annotator id: answers on items with a gold span list, and how many match it (`Span.matchesGold`:
    /// exact F1 ≥ 0.999); nil without gold. A gold `[]` (read back as an empty label set) is an empty list.
    static func spanGoldTallies(_ columns: AnnotationColumns, gold: [String: LabelValue]) -> (correct: [Int], trials: [Int])? {
        guard !gold.isEmpty else { return nil }
        let expected: [[Span]?] = columns.itemNames.map { name in gold[name].flatMap(Span.spanList) }
        var correct = [Int](repeating: 0, count: columns.annotatorNames.count)
        var trials = correct
        for record in 0..<columns.count {
            guard let list = expected[Int(columns.recordItem[record])] else { continue }
            let annotator = Int(columns.recordAnnotator[record])
            trials[annotator] += 1
            if Span.matchesGold(columns.spans.values(of: record), gold: list) { correct[annotator] += 1 }
        }
        return (correct, trials)
    }
}
