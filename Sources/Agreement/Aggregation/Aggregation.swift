import Foundation

/// Aggregates annotation records into one label per item; see `aggregate(_:method:labelOrder:gold:)` on columns.
public func aggregate(
    _ records: [AnnotationRecord], method: AggregationMethod, labelOrder: [String]? = nil,
    gold: [String: LabelValue] = [:]
) -> AggregationResult {
    aggregate(AnnotationColumns(records), method: method, labelOrder: labelOrder, gold: gold)
}

/// Aggregates annotations into one label per item with the chosen method: the consensus
/// that the quality page and exports show too (see `MajorityVote` for the rule).
///
/// Multiple-choice answers (label sets) are aggregated by majority vote per label whatever the method.
/// `labelOrder` is the task's label list (ties go to its first label; unknown labels follow,
/// sorted); without it labels are sorted. Gold answers clamp their items in Dawid–Skene.
public func aggregate(
    _ columns: AnnotationColumns, method: AggregationMethod, labelOrder: [String]? = nil,
    gold: [String: LabelValue] = [:]
) -> AggregationResult {
    // Span answers have their own consensus (`Spans/SpanConsensus.swift`).
    if !columns.spans.isEmpty { return SpanConsensus.aggregate(columns, method: method) }
    // Box answers too (`Boxes/BoxAggregation.swift`).
    if !columns.boxes.isEmpty { return BoxAggregation.aggregate(columns, method: method) }
    if columns.labelValues.contains(where: { if case .strings = $0 { true } else { false } }) {
        var result = LabelSetAggregation.aggregate(columns, labelOrder: labelOrder)
        if method != .majority {
            result.notes.append(
                "dawid-skene needs one label per answer: multiple-choice answers were aggregated by majority vote per label")
        }
        return result
    }
    let votes = ItemGroupedVotes(columns, labelOrder: labelOrder)
    let classes = votes.classCount
    var notes = votes.notes
    if columns.isEmpty { notes.append("no annotations") }
    let posteriors: [Double]
    var confusion: [Double]
    var skills: [Double?]
    var iterations: Int?
    var priors: [String: Double]?
    // Confusion matrices are workers × K × K; with thousands of free-text labels they won't fit.
    let matrixCells = votes.workerCount * classes * classes
    var method = method
    if matrixCells > 20_000_000 {
        notes.append("too many labels for confusion matrices (\(classes)); used majority vote without them")
        method = .majority
    }
    switch method {
    case .majority:
        posteriors = MajorityVote.shares(votes)
        let consensus = (0..<votes.itemCount).map {
            MajorityVote.best(posteriors[($0 * classes)..<(($0 + 1) * classes)])
        }
        let tabulate = matrixCells <= 20_000_000
        var counts = [Double](repeating: 0, count: tabulate ? matrixCells : 0)
        var matches = [Double](repeating: 0, count: votes.workerCount)
        var totals = [Double](repeating: 0, count: votes.workerCount)
        for item in 0..<votes.itemCount {
            for vote in Int(votes.start[item])..<Int(votes.start[item + 1]) {
                let worker = Int(votes.worker[vote])
                let given = Int(votes.label[vote])
                if tabulate { counts[(worker * classes + consensus[item]) * classes + given] += 1 }
                totals[worker] += 1
                if given == consensus[item] { matches[worker] += 1 }
            }
        }
        confusion = counts
        for row in 0..<(tabulate ? votes.workerCount * classes : 0) {
            let total = counts[(row * classes)..<((row + 1) * classes)].reduce(0, +)
            for l in 0..<classes { confusion[row * classes + l] = total > 0 ? counts[row * classes + l] / total : .nan }
        }
        skills = (0..<votes.workerCount).map { totals[$0] > 0 ? matches[$0] / totals[$0] : nil }
    case .dawidSkene(let maximum, let tolerance):
        let model = DawidSkene(votes, iterations: maximum, tolerance: tolerance, gold: votes.goldClasses(gold))
        posteriors = model.posteriors
        confusion = model.confusion
        iterations = model.iterations
        priors = Dictionary(uniqueKeysWithValues: zip(votes.labels, model.priors))
        skills = (0..<votes.workerCount).map { worker in
            var accuracy = 0.0
            for c in 0..<classes { accuracy += model.priors[c] * model.confusion[(worker * classes + c) * classes + c] }
            return accuracy.isFinite ? accuracy : nil
        }
    }
    var labels: [AggregatedLabel] = []
    let order = (0..<votes.itemCount).sorted { votes.itemNames[$0] < votes.itemNames[$1] }
    for item in order {
        let row = posteriors[(item * classes)..<((item + 1) * classes)]
        let best = MajorityVote.best(row)
        labels.append(
            AggregatedLabel(
                item: votes.itemNames[item], label: votes.labelValues[best], confidence: row[row.startIndex + best]))
    }
    let annotators = (0..<votes.workerCount).map { worker in
        var matrix: [String: [String: Double]] = [:]
        for c in 0..<(confusion.isEmpty ? 0 : classes) {
            var row: [String: Double] = [:]
            for l in 0..<classes {
                let value = confusion[(worker * classes + c) * classes + l]
                if value.isFinite { row[votes.labels[l]] = value }
            }
            // Majority vote has no row for a class never chosen as consensus on this annotator's items.
            if !row.isEmpty { matrix[votes.labels[c]] = row }
        }
        return AnnotatorSkill(annotator: votes.annotatorNames[worker], skill: skills[worker], confusion: matrix)
    }
    return AggregationResult(
        method: method.name, labels: labels, annotators: annotators, iterations: iterations, priors: priors,
        notes: notes)
}
