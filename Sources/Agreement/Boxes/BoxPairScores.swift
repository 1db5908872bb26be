import Foundation

/// The F1 and IoU sums over every pair of annotators on each item, overall, per label, per item
/// and per annotator: everything in `box_agreement`.
struct BoxPairScores {
    var pairs = 0
    var f1Sum = 0.0
    /// Matched box pairs and their IoU sum, pooled over every pair of answers.
    var matches = 0
    var iouSum = 0.0
    /// By box label id: the sum of the label's pair F1 and the pairs in which it appears.
    var labelSum: [Double]
    var labelPairs: [Int]
    /// By item: the sum of its pairs' F1 (its pair count follows from its annotations).
    var itemSum: [Double]
    /// By annotator id: the sum of F1 over the pairs the annotator is in, and their number.
    var annotatorSum: [Double]
    var annotatorPairs: [Int]

    /// Scores the items in two halves, one per core, and adds the halves up.
    init(_ columns: AnnotationColumns, items: ItemRecords) {
        nonisolated(unsafe) var halves = [Self](repeating: Self(columns, itemCount: items.itemCount), count: 2)
        let middle = items.itemCount / 2
        halves.withUnsafeMutableBufferPointer { halves in
            // Each thread writes only its own half.
            nonisolated(unsafe) let halves = halves
            DispatchQueue.concurrentPerform(iterations: 2) { half in
                halves[half].score(half == 0 ? 0..<middle : middle..<items.itemCount, columns, items)
            }
        }
        self = halves[0]
        add(halves[1])
    }

    private init(_ columns: AnnotationColumns, itemCount: Int) {
        labelSum = [Double](repeating: 0, count: columns.boxes.labels.count)
        labelPairs = [Int](repeating: 0, count: columns.boxes.labels.count)
        itemSum = [Double](repeating: 0, count: itemCount)
        annotatorSum = [Double](repeating: 0, count: columns.annotatorNames.count)
        annotatorPairs = [Int](repeating: 0, count: columns.annotatorNames.count)
    }

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
                        labelSum[Int(label)] += listPairF1(matches: count, left.count, right.count)
                        labelPairs[Int(label)] += 1
                    }
                    let f1 = listPairF1(matches: matched, first.count, other.count)
                    pairs += 1
                    f1Sum += f1
                    itemSum[index] += f1
                    for position in [offset, second] {
                        let annotator = Int(recordAnnotator[Int(records[records.startIndex + position])])
                        annotatorSum[annotator] += f1
                        annotatorPairs[annotator] += 1
                    }
                }
            }
        }
    }

    private mutating func add(_ other: Self) {
        pairs += other.pairs
        f1Sum += other.f1Sum
        matches += other.matches
        iouSum += other.iouSum
        for index in labelSum.indices {
            labelSum[index] += other.labelSum[index]
            labelPairs[index] += other.labelPairs[index]
        }
        for index in itemSum.indices { itemSum[index] += other.itemSum[index] }
        for index in annotatorSum.indices {
            annotatorSum[index] += other.annotatorSum[index]
            annotatorPairs[index] += other.annotatorPairs[index]
        }
    }
}
