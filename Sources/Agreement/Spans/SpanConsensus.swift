/// Consensus spans for `aggregate` and exports: a span is in an item's consensus when a strict
/// majority of the item's annotations marked exactly it (same start, end and label).
///
/// Two spans that each have a strict majority share an annotator, whose spans never overlap, so a
/// consensus is itself a valid flat list. Each consensus span carries the share of annotations
/// that have it; the item's confidence is the smallest of those, or, for an empty consensus, the
/// share of annotations that were `[]`. As in the rest of `aggregate`, every line is a vote.
enum SpanConsensus {
    static func aggregate(_ columns: AnnotationColumns, method: AggregationMethod) -> AggregationResult {
        let items = ItemRecords(columns)
        let spans = columns.spans
        let names = columns.itemNames
        var order = Array(0..<items.itemCount)
        if !zip(order, order.dropFirst()).allSatisfy({ names[$0] < names[$1] }) { order.sort { names[$0] < names[$1] } }
        var consensusOfItem = [[Span]](repeating: [], count: items.itemCount)
        var labels: [AggregatedLabel] = []
        labels.reserveCapacity(items.itemCount)
        var marked: [(start: Int32, end: Int32, label: Int32)] = []
        for item in order {
            let records = items.records(of: item)
            let voters = Double(records.count)
            marked.removeAll(keepingCapacity: true)
            var empty = 0
            for record in records {
                let range = spans.spans(of: Int(record))
                if range.isEmpty { empty += 1 }
                for span in range { marked.append((spans.parts[span].start, spans.parts[span].end, spans.label[span])) }
            }
            marked.sort { ($0.start, $0.end, $0.label) < ($1.start, $1.end, $1.label) }
            var consensus: [Span] = []
            var run = 0
            while run < marked.count {
                var next = run + 1
                while next < marked.count, marked[next] == marked[run] { next += 1 }
                if 2 * (next - run) > records.count {
                    let span = marked[run]
                    consensus.append(
                        Span(
                            start: Int(span.start), end: Int(span.end), label: spans.labels.names[Int(span.label)],
                            confidence: Double(next - run) / voters))
                }
                run = next
            }
            let confidence = consensus.compactMap(\.confidence).min() ?? Double(empty) / voters
            consensusOfItem[item] = consensus
            labels.append(AggregatedLabel(item: names[item], label: .spans(consensus), confidence: confidence))
        }
        var notes: [String] = []
        if columns.isEmpty { notes.append("no annotations") }
        if method != .majority {
            notes.append("\(method.name) is not defined for spans: the consensus is the strict majority of each span")
        }
        return AggregationResult(
            method: AggregationMethod.majority.name, labels: labels,
            annotators: skills(columns, consensus: consensusOfItem), iterations: nil, priors: nil, notes: notes)
    }

    /// Each annotator's skill: the mean exact F1 of their answers against their items' consensus.
    private static func skills(_ columns: AnnotationColumns, consensus: [[Span]]) -> [AnnotatorSkill] {
        let names = columns.annotatorNames
        var sum = [Double](repeating: 0, count: names.count)
        var answers = [Int](repeating: 0, count: names.count)
        for record in 0..<columns.count {
            let annotator = Int(columns.recordAnnotator[record])
            let expected = consensus[Int(columns.recordItem[record])]
            let given = columns.spans.values(of: record)
            // Both lists are sorted with distinct starts: one merge finds the equal spans.
            var matches = 0
            var (i, j) = (0, 0)
            while i < expected.count, j < given.count {
                let (a, b) = (expected[i], given[j])
                if a.start == b.start, a.end == b.end, a.label == b.label { matches += 1 }
                if a.start <= b.start { i += 1 }
                if b.start <= a.start { j += 1 }
            }
            sum[annotator] += listPairF1(matches: matches, expected.count, given.count)
            answers[annotator] += 1
        }
        return names.indices.sorted { names[$0] < names[$1] }.map {
            AnnotatorSkill(annotator: names[$0], skill: answers[$0] > 0 ? sum[$0] / Double(answers[$0]) : nil, confusion: [:])
        }
    }
}
