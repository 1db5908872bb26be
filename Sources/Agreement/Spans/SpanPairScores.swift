/// The F1 sums over every pair of annotators on each item: everything in `span_agreement` but
/// `char_alpha`. Exact F1 (equal start, end and label) is the pair F1 of the list answers' figures
/// (`totals`); the overlap matching gives `f1_overlap` beside it.
struct SpanPairScores {
    var totals: ListPairTotals
    var overlapSum = 0.0

    init(_ columns: AnnotationColumns, items: ItemRecords) {
        let spans = columns.spans
        let labelCount = spans.labels.count
        totals = ListPairTotals(labels: labelCount, items: items.itemCount, annotators: columns.annotatorNames.count)
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
                    totals.addPair(
                        item: item, annotators: Int(columns.recordAnnotator[Int(first)]),
                        Int(columns.recordAnnotator[Int(second)]), f1: listPairF1(matches: exact, left.count, right.count))
                    overlapSum += listPairF1(matches: overlap, left.count, right.count)
                    tally.drain { label, f1 in totals.addLabel(label, f1: f1) }
                }
            }
        }
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
            body(label, listPairF1(matches: matched[label], left[label], right[label]))
            left[label] = 0
            right[label] = 0
            matched[label] = 0
        }
        touched.removeAll(keepingCapacity: true)
    }
}
