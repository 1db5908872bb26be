/// Records interned to integer ids: items, annotators (numbered in name order) and categories
/// (numbered in label order), so every statistic runs over flat arrays.
struct PreparedAnnotations: Sendable {
    var itemNames: [String] = []
    var annotatorNames: [String] = []
    /// Category keys in label order.
    var labels: [String] = []
    /// Numeric value per category when labels are numbers (or scale positions for ratings).
    var values: [Double]?
    var multiple = false
    var notes: [String] = []
    /// One entry per record.
    var recordItem: [Int32] = []
    var recordAnnotator: [Int32] = []
    /// Category of a single-choice record (−1 for multiple choice).
    var recordCategory: [Int32] = []
    /// Multiple choice: selected categories of record r are `selected[selectedStart[r]..<selectedStart[r+1]]`.
    var selectedStart: [Int32] = []
    var selected: [Int32] = []

    init(_ records: [AnnotationRecord], labels declared: [String]?, answer: AnswerKind) {
        multiple = answer == .multiple || records.contains { if case .strings = $0.label { true } else { false } }
        var items = StringInterner(capacity: records.count / 2)
        var annotators = StringInterner()
        var labelIndex = StringInterner()
        var numberIndex: [Double: Int32] = [:]
        var labelNumbers: [Double?] = []
        var allNumeric = true
        func intern(_ key: String, number: Double?) -> Int32 {
            let id = labelIndex.id(key)
            if Int(id) == labelNumbers.count {
                labelNumbers.append(number)
                if number == nil { allNumeric = false }
            }
            return id
        }
        // Declared labels first, so their ids follow the task's order.
        for label in declared ?? [] { _ = intern(label, number: Double(label).flatMap { $0.isFinite ? $0 : nil }) }
        recordItem.reserveCapacity(records.count)
        recordAnnotator.reserveCapacity(records.count)
        recordCategory.reserveCapacity(records.count)
        if multiple { selectedStart.append(0) }
        var lastItem: Int32 = -1
        var lastItemName = ""
        for record in records {
            // Files list an item's annotations together, so the previous id is usually the answer.
            let item: Int32
            if lastItem >= 0, record.item == lastItemName {
                item = lastItem
            } else {
                item = items.id(record.item)
                lastItem = item
                lastItemName = record.item
            }
            let annotator = annotators.id(record.annotator)
            recordItem.append(item)
            recordAnnotator.append(annotator)
            switch record.label {
            case .number(let number):
                if let existing = numberIndex[number] {
                    recordCategory.append(existing)
                } else {
                    let id = intern(LabelValue.format(number), number: number)
                    numberIndex[number] = id
                    recordCategory.append(id)
                }
                if multiple { selectedStart.append(Int32(selected.count)) }
            case .string(let text):
                let id = intern(text, number: nil)
                if multiple {
                    selected.append(id)
                    selectedStart.append(Int32(selected.count))
                    recordCategory.append(-1)
                } else {
                    recordCategory.append(id)
                }
            case .strings(let list):
                // A label chosen twice in one answer counts once.
                for id in Set(list.map { intern($0, number: nil) }).sorted() { selected.append(id) }
                selectedStart.append(Int32(selected.count))
                recordCategory.append(-1)
            }
        }
        itemNames = items.names
        annotatorNames = annotators.names
        finishOrder(
            declared: declared, keys: labelIndex.names, numbers: labelNumbers, allNumeric: allNumeric, answer: answer)
        renumberAnnotators()
    }

    /// Puts categories in label order (declared first, then unknown ones sorted) and remaps ids.
    private mutating func finishOrder(
        declared: [String]?, keys: [String], numbers: [Double?], allNumeric: Bool, answer: AnswerKind
    ) {
        let declaredCount = declared?.count ?? 0
        var extra = Array(declaredCount..<keys.count)
        if allNumeric && !multiple {
            extra.sort { numbers[$0]! < numbers[$1]! }
        } else {
            extra.sort { keys[$0] < keys[$1] }
        }
        if declaredCount > 0, !extra.isEmpty {
            notes.append(
                "labels not in the task's label list were found and added after it: "
                    + extra.prefix(10).map { keys[$0] }.joined(separator: ", "))
        }
        var order = Array(0..<declaredCount) + extra
        if declaredCount > 0, allNumeric, !multiple {
            // A numeric scale given out of order is still a scale: sort it by value.
            order.sort { numbers[$0]! < numbers[$1]! }
        }
        var newId = [Int32](repeating: 0, count: keys.count)
        for (position, old) in order.enumerated() { newId[old] = Int32(position) }
        labels = order.map { keys[$0] }
        if allNumeric && !multiple && !keys.isEmpty {
            values = order.map { numbers[$0]! }
        } else if answer == .rating && !multiple {
            // Rating scales with named points use their position, 1-based, as the value.
            values = labels.indices.map { Double($0 + 1) }
        }
        for index in recordCategory.indices where recordCategory[index] >= 0 {
            recordCategory[index] = newId[Int(recordCategory[index])]
        }
        for index in selected.indices { selected[index] = newId[Int(selected[index])] }
    }

    /// Numbers annotators in name order so pairs read (a, b) with a < b.
    private mutating func renumberAnnotators() {
        let order = annotatorNames.indices.sorted { annotatorNames[$0] < annotatorNames[$1] }
        var newId = [Int32](repeating: 0, count: order.count)
        for (position, old) in order.enumerated() { newId[old] = Int32(position) }
        annotatorNames = order.map { annotatorNames[$0] }
        for index in recordAnnotator.indices { recordAnnotator[index] = newId[Int(recordAnnotator[index])] }
    }

    var recordCount: Int { recordItem.count }

    /// The table the coefficients read. Multiple choice becomes one binary unit per (item, label):
    /// 1 when the annotation includes the label, 0 when it doesn't.
    func ratingTable(keep: ((Int) -> Bool)? = nil, unitOf: ((Int, Int32) -> Int32)? = nil) -> RatingTable {
        // `unitOf` maps (record, natural unit) to another unit numbering, e.g. (item, version) pairs.
        let spread = unitOf == nil ? 1 : Int(unitOf!(0, 1) - unitOf!(0, 0))
        var units: [Int32] = []
        var raters: [Int32] = []
        var categories: [Int32] = []
        if !multiple {
            if keep == nil, unitOf == nil {
                return RatingTable(
                    units: recordItem, raters: recordAnnotator, categories: recordCategory,
                    unitCount: itemNames.count, categoryCount: labels.count)
            }
            for index in 0..<recordCount where keep?(index) ?? true {
                units.append(unitOf?(index, recordItem[index]) ?? recordItem[index])
                raters.append(recordAnnotator[index])
                categories.append(recordCategory[index])
            }
            return RatingTable(
                units: units, raters: raters, categories: categories, unitCount: itemNames.count * spread,
                categoryCount: labels.count)
        }
        let size = labels.count
        units.reserveCapacity(recordCount * size)
        raters.reserveCapacity(recordCount * size)
        categories.reserveCapacity(recordCount * size)
        for record in 0..<recordCount where keep?(record) ?? true {
            let chosen = selected[Int(selectedStart[record])..<Int(selectedStart[record + 1])]
            for label in 0..<size {
                let unit = recordItem[record] * Int32(size) + Int32(label)
                units.append(unitOf?(record, unit) ?? unit)
                raters.append(recordAnnotator[record])
                categories.append(chosen.contains(Int32(label)) ? 1 : 0)
            }
        }
        return RatingTable(
            units: units, raters: raters, categories: categories, unitCount: itemNames.count * size * spread,
            categoryCount: 2)
    }

    /// The labels each annotator chose, by item: the table for label counts and bias tests.
    func selectionTable() -> RatingTable {
        guard multiple else { return ratingTable() }
        var units: [Int32] = []
        var raters: [Int32] = []
        for record in 0..<recordCount {
            for _ in Int(selectedStart[record])..<Int(selectedStart[record + 1]) {
                units.append(recordItem[record])
                raters.append(recordAnnotator[record])
            }
        }
        return RatingTable(
            units: units, raters: raters, categories: selected, unitCount: itemNames.count,
            categoryCount: labels.count)
    }

    /// The item a rating-table unit belongs to.
    func item(ofUnit unit: Int) -> Int { multiple ? unit / max(labels.count, 1) : unit }
}
