import Foundation

/// Consensus boxes for `aggregate` and exports: each item's `BoxConsensus`, with every line of the
/// item counting as one answer, as in the rest of `aggregate`. An annotator's `skill` is the mean
/// F1 at IoU 0.5 of their answers against their items' consensus.
enum BoxAggregation {
    static func aggregate(_ columns: AnnotationColumns, method: AggregationMethod) -> AggregationResult {
        let items = ItemRecords(columns)
        let names = columns.itemNames
        var order = Array(0..<items.itemCount)
        if !zip(order, order.dropFirst()).allSatisfy({ names[$0] < names[$1] }) { order.sort { names[$0] < names[$1] } }
        // The two halves of the items go to the two cores, each with its own buffers and sums.
        nonisolated(unsafe) var halves = [Half](repeating: Half(annotators: columns.annotatorNames.count), count: 2)
        let middle = order.count / 2
        let parts = [order[..<middle], order[middle...]]
        halves.withUnsafeMutableBufferPointer { halves in
            nonisolated(unsafe) let halves = halves
            DispatchQueue.concurrentPerform(iterations: 2) { half in
                halves[half].consensus(of: parts[half], columns, items)
            }
        }
        let labels = halves[0].labels + halves[1].labels
        let skillSum = zip(halves[0].skillSum, halves[1].skillSum).map(+)
        let answers = zip(halves[0].answers, halves[1].answers).map(+)
        var notes: [String] = []
        if columns.isEmpty { notes.append("no annotations") }
        if method != .majority {
            notes.append("\(method.name) is not defined for boxes: the consensus is the strict majority of each box cluster")
        }
        let annotatorNames = columns.annotatorNames
        let skills = annotatorNames.indices.sorted { annotatorNames[$0] < annotatorNames[$1] }.map {
            AnnotatorSkill(
                annotator: annotatorNames[$0], skill: answers[$0] > 0 ? skillSum[$0] / Double(answers[$0]) : nil,
                confusion: [:])
        }
        return AggregationResult(
            method: AggregationMethod.majority.name, labels: labels, annotators: skills, iterations: nil, priors: nil,
            notes: notes)
    }

    /// The consensus rows of some of the items and the skill sums of their answers.
    private struct Half {
        var labels: [AggregatedLabel] = []
        var skillSum: [Double]
        var answers: [Int]

        init(annotators: Int) {
            skillSum = [Double](repeating: 0, count: annotators)
            answers = [Int](repeating: 0, count: annotators)
        }

        mutating func consensus(of order: ArraySlice<Int>, _ columns: AnnotationColumns, _ items: ItemRecords) {
            let boxes = columns.boxes
            let names = columns.itemNames
            let labelNames = boxes.labels.names
            let ranks = BoxConsensus.ranks(labelNames)
            let recordAnnotator = columns.recordAnnotator
            labels.reserveCapacity(order.count)
            var item = ItemBoxes()
            var scratch: [Int] = []
            var clustering = BoxClustering()
            var ordered: [BoxClustering.Cluster] = []
            var matcher = BoxMatcher()
            for index in order {
                let records = items.records(of: index)
                item.removeAll()
                for record in records { boxes.appendAnswer(of: Int(record), to: &item, scratch: &scratch) }
                clustering.cluster(item)
                let consensus = BoxConsensus(clustering.clusters, of: item, names: labelNames, ranks: ranks)
                labels.append(
                    AggregatedLabel(item: names[index], label: .boxes(consensus.boxes), confidence: consensus.confidence))
                // The consensus joins the item as one more answer, in label-id order as `ItemBoxes`
                // keeps answers, and each answer is matched against it.
                ordered.removeAll(keepingCapacity: true)
                ordered.append(contentsOf: clustering.clusters)
                ordered.sort { a, b in a.label != b.label ? a.label < b.label : BoxGeometry.precedes(a.shape, b.shape) }
                item.append(shapes: ordered.lazy.map(\.shape), labels: ordered.lazy.map(\.label))
                let agreed = item.answers[records.count]
                for (position, record) in records.enumerated() {
                    let answer = item.answers[position]
                    var matched = 0
                    ItemBoxes.forEachLabel(item.labels, answer, agreed) { _, left, right in
                        matched += matcher.match(item.shapes, left, right).count
                    }
                    let annotator = Int(recordAnnotator[Int(record)])
                    skillSum[annotator] += listPairF1(matches: matched, answer.count, agreed.count)
                    answers[annotator] += 1
                }
            }
        }
    }
}
