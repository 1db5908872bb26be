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

    /// Groups single-choice, rating and numeric answers; label sets go to `LabelSetAggregation`.
    init(_ columns: AnnotationColumns, labelOrder: [String]?) {
        // Every answer, numbers too, is aggregated by its text key.
        var prepared = PreparedAnnotations(columns, labels: labelOrder, answer: .single)
        // Classes in tie order, so that the first of equal classes is the first label of the task's list.
        let order = MajorityVote.tieOrder(prepared.labels, declared: labelOrder)
        if order != Array(prepared.labels.indices) {
            var newId = [Int32](repeating: 0, count: order.count)
            for (position, old) in order.enumerated() { newId[old] = Int32(position) }
            prepared.labels = order.map { prepared.labels[$0] }
            prepared.recordCategory = prepared.recordCategory.map { newId[Int($0)] }
        }
        itemNames = prepared.itemNames
        annotatorNames = prepared.annotatorNames
        labels = prepared.labels
        notes = prepared.notes
        // Labels given as numbers stay numbers in the output.
        let isNumber = columns.labelValues.map { if case .number = $0 { true } else { false } }
        var numeric = [Bool](repeating: false, count: labels.count)
        for (index, label) in columns.recordLabel.enumerated() where isNumber[Int(label)] {
            numeric[Int(prepared.recordCategory[index])] = true
        }
        labelValues = zip(prepared.labels, numeric).map { Self.value($0, givenAsNumber: $1) }
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

    /// The output value of a label: labels given as numbers stay numbers.
    static func value(_ label: String, givenAsNumber: Bool) -> LabelValue {
        if givenAsNumber, let number = Double(label) { return .number(number) }
        return .string(label)
    }

    /// Gold class per item (−1 when none or unknown).
    func goldClasses(_ gold: [String: LabelValue]) -> [Int32] {
        guard !gold.isEmpty else { return [Int32](repeating: -1, count: itemCount) }
        var labelId: [String: Int32] = [:]
        for (index, label) in labels.enumerated() { labelId[label] = Int32(index) }
        return itemNames.map { name in gold[name].flatMap { labelId[$0.key] } ?? -1 }
    }
}
