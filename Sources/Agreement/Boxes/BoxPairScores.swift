import Foundation

/// The F1 and IoU sums over every pair of annotators on each item: everything in `box_agreement`.
/// F1 at IoU 0.5 is the pair F1 of the list answers' figures (`totals`); the matched pairs' IoU gives
/// `mean_iou` beside it.
struct BoxPairScores {
    var totals: ListPairTotals
    /// Matched box pairs and their IoU sum, pooled over every pair of answers.
    var matches = 0
    var iouSum = 0.0

    /// Scores the items in two halves, one per core, and adds the halves up.
    init(_ columns: AnnotationColumns, items: ItemRecords) {
        let empty = ListPairTotals(
            labels: columns.boxes.labels.count, items: items.itemCount, annotators: columns.annotatorNames.count)
        nonisolated(unsafe) var halves = [Self](repeating: Self(totals: empty), count: 2)
        let middle = items.itemCount / 2
        halves.withUnsafeMutableBufferPointer { halves in
            // Each thread writes only its own half.
            nonisolated(unsafe) let halves = halves
            DispatchQueue.concurrentPerform(iterations: 2) { half in
                halves[half].score(half == 0 ? 0..<middle : middle..<items.itemCount, columns, items)
            }
        }
        self = halves[0]
        totals.add(halves[1].totals)
        matches += halves[1].matches
        iouSum += halves[1].iouSum
    }

    private init(totals: ListPairTotals) { self.totals = totals }

    private mutating func score(_ range: Range<Int>, _ columns: AnnotationColumns, _ items: ItemRecords) {
        let boxes = columns.boxes
        let recordAnnotator = columns.recordAnnotator
        var item = ItemBoxes()
        var scratch: [Int] = []
        var matcher = BoxMatcher()
        for index in range {
            let records = items.records(of: index)
            guard records.count >= 2 else { continue }
            item.removeAll()
            for record in records { boxes.appendAnswer(of: Int(record), to: &item, scratch: &scratch) }
            for (offset, first) in item.answers.enumerated() {
                for (second, other) in item.answers.enumerated().dropFirst(offset + 1) {
                    var matched = 0
                    ItemBoxes.forEachLabel(item.labels, first, other) { label, left, right in
                        let (count, iou) = matcher.match(item.shapes, left, right)
                        matched += count
                        matches += count
                        iouSum += iou
                        totals.addLabel(Int(label), f1: listPairF1(matches: count, left.count, right.count))
                    }
                    totals.addPair(
                        item: index, annotators: Int(recordAnnotator[Int(records[records.startIndex + offset])]),
                        Int(recordAnnotator[Int(records[records.startIndex + second])]),
                        f1: listPairF1(matches: matched, first.count, other.count))
                }
            }
        }
    }
}
