/// The F1 sums over every pair of annotators on each item, overall, per label, per item and per
/// annotator: everything in `span_agreement` but `char_alpha`.
struct SpanPairScores {
    var pairs = 0
    var exactSum = 0.0
    var overlapSum = 0.0
    /// By span label id: the sum of the label's pair F1 and the pairs in which it appears.
    var labelSum: [Double]
    var labelPairs: [Int]
    /// By item: the sum of its pairs' exact F1 (its pair count follows from its annotations).
    var itemSum: [Double]
    /// By annotator id: the sum of exact F1 over the pairs the annotator is in, and their number.
    var annotatorSum: [Double]
    var annotatorPairs: [Int]

    init(_ columns: AnnotationColumns, items: ItemRecords) {
        let spans = columns.spans
        let labelCount = spans.labels.count
        labelSum = [Double](repeating: 0, count: labelCount)
        labelPairs = [Int](repeating: 0, count: labelCount)
        itemSum = [Double](repeating: 0, count: items.itemCount)
        annotatorSum = [Double](repeating: 0, count: columns.annotatorNames.count)
        annotatorPairs = [Int](repeating: 0, count: columns.annotatorNames.count)
        var tally = LabelTally(labelCount: labelCount)
        var matching = OverlapMatching()
        for item in 0..<items.itemCount {
            let records = items.records(of: item)
            guard records.count >= 2 else { continue }
            for (offset, first) in records.enumerated() {
                for second in records.dropFirst(offset + 1) {
                    let left = spans.spans(of: Int(first))
                    let right = spans.spans(of: Int(second))
                    let exact = tally.exactMatches(left, right, in: spans)
                    let overlap = matching.count(left, right, in: spans)
                    let exactF1 = Self.f1(matches: exact, left.count, right.count)
                    pairs += 1
                    exactSum += exactF1
                    overlapSum += Self.f1(matches: overlap, left.count, right.count)
                    itemSum[item] += exactF1
                    for annotator in [columns.recordAnnotator[Int(first)], columns.recordAnnotator[Int(second)]] {
                        annotatorSum[Int(annotator)] += exactF1
                        annotatorPairs[Int(annotator)] += 1
                    }
                    tally.drain { label, f1 in
                        labelSum[label] += f1
                        labelPairs[label] += 1
                    }
                }
            }
        }
    }

    /// Pair F1 = 2 · matches / (|A| + |B|); two empty lists agree completely.
    @inline(__always) static func f1(matches: Int, _ left: Int, _ right: Int) -> Double {
        listPairF1(matches: matches, left, right)
    }
}

/// Per-label counts of one pair, reset as they are read.
private struct LabelTally {
    var left: [Int]
    var right: [Int]
    var matched: [Int]
    var touched: [Int] = []

    init(labelCount: Int) {
        left = [Int](repeating: 0, count: labelCount)
        right = [Int](repeating: 0, count: labelCount)
        matched = left
    }

    /// Spans equal in start, end and label, counting each side's spans per label on the way.
    /// Starts are distinct within one flat list, so one merge by start finds every match.
    mutating func exactMatches(_ a: Range<Int>, _ b: Range<Int>, in spans: SpanColumns) -> Int {
        for span in a {
            let label = Int(spans.label[span])
            touch(label)
            left[label] += 1
        }
        for span in b {
            let label = Int(spans.label[span])
            touch(label)
            right[label] += 1
        }
        var matches = 0
        var i = a.lowerBound
        var j = b.lowerBound
        while i < a.upperBound, j < b.upperBound {
            if spans.parts[i].start < spans.parts[j].start {
                i += 1
            } else if spans.parts[i].start > spans.parts[j].start {
                j += 1
            } else {
                if spans.parts[i].end == spans.parts[j].end, spans.label[i] == spans.label[j] {
                    matches += 1
                    matched[Int(spans.label[i])] += 1
                }
                i += 1
                j += 1
            }
        }
        return matches
    }

    @inline(__always) private mutating func touch(_ label: Int) {
        if left[label] == 0, right[label] == 0 { touched.append(label) }
    }

    /// Hands each label of the pair and its F1 to `body`, then clears the counts.
    mutating func drain(_ body: (Int, Double) -> Void) {
        for label in touched {
            body(label, SpanPairScores.f1(matches: matched[label], left[label], right[label]))
            left[label] = 0
            right[label] = 0
            matched[label] = 0
        }
        touched.removeAll(keepingCapacity: true)
    }
}
