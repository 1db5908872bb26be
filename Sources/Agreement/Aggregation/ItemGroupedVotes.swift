/// Annotations interned and grouped by item for aggregation: the flat layout the EM loop runs on.
struct ItemGroupedVotes: Sendable {
    var itemNames: [String]
    var annotatorNames: [String]
    var labels: [String]
    var labelValues: [LabelValue]
    /// Votes of item i are `start[i]..<start[i+1]`.
    var start: [Int32]
    var worker: [Int32]
    var label: [Int32]
    var notes: [String]

    init(_ records: [AnnotationRecord], labelOrder: [String]?) {
        self.init(AnnotationColumns(records), labelOrder: labelOrder)
    }

    init(_ columns: AnnotationColumns, labelOrder: [String]?) {
        // Multiple-choice answers aggregate as whole sets; per-label aggregation is a later step.
        // Then every answer, numbers too, is aggregated by its text key.
        let hasSets = columns.labelValues.contains { if case .strings = $0 { true } else { false } }
        let flat = hasSets ? columns.mappingLabels { .string($0.key) } : columns
        let prepared = PreparedAnnotations(flat, labels: labelOrder, answer: .single)
        itemNames = prepared.itemNames
        annotatorNames = prepared.annotatorNames
        labels = prepared.labels
        notes = prepared.notes
        if hasSets { notes.append("multiple-choice answers were aggregated as whole label sets") }
        // Labels given as numbers stay numbers in the output.
        let isNumber = flat.labelValues.map { if case .number = $0 { true } else { false } }
        var numeric = [Bool](repeating: false, count: labels.count)
        for (index, label) in flat.recordLabel.enumerated() where isNumber[Int(label)] {
            numeric[Int(prepared.recordCategory[index])] = true
        }
        let names = prepared.labels
        labelValues = names.indices.map { index in
            if numeric[index], let number = Double(names[index]) { return .number(number) }
            return .string(names[index])
        }
        let itemCount = itemNames.count
        var start = [Int32](repeating: 0, count: itemCount + 1)
        for item in prepared.recordItem { start[Int(item) + 1] += 1 }
        for index in 0..<itemCount { start[index + 1] += start[index] }
        var cursor = start
        var worker = [Int32](repeating: 0, count: prepared.recordCount)
        var label = [Int32](repeating: 0, count: prepared.recordCount)
        for index in 0..<prepared.recordCount {
            let item = Int(prepared.recordItem[index])
            let slot = Int(cursor[item])
            worker[slot] = prepared.recordAnnotator[index]
            label[slot] = prepared.recordCategory[index]
            cursor[item] += 1
        }
        self.start = start
        self.worker = worker
        self.label = label
    }

    var itemCount: Int { itemNames.count }
    var workerCount: Int { annotatorNames.count }
    var classCount: Int { labels.count }

    /// Gold class per item (−1 when none or unknown).
    func goldClasses(_ gold: [String: LabelValue]) -> [Int32] {
        guard !gold.isEmpty else { return [Int32](repeating: -1, count: itemCount) }
        var labelId: [String: Int32] = [:]
        for (index, label) in labels.enumerated() { labelId[label] = Int32(index) }
        return itemNames.map { name in gold[name].flatMap { labelId[$0.key] } ?? -1 }
    }
}
