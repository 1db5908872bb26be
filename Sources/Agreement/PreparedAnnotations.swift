/// Annotations as the statistics read them: items (in order of first appearance), annotators
/// (numbered in name order) and categories (numbered in label order) as flat arrays of ids.
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
        self.init(AnnotationColumns(records), labels: declared, answer: answer)
    }

    init(_ columns: AnnotationColumns, labels declared: [String]?, answer: AnswerKind) {
        let values = columns.labelValues
        multiple = answer == .multiple || values.contains { if case .strings = $0 { true } else { false } }
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
        // Categories of each distinct answer. Values come in order of first appearance, so labels
        // are numbered exactly as a pass over every annotation would number them.
        var valueCategory = [Int32](repeating: -1, count: values.count)
        var valueSelection = [[Int32]](repeating: [], count: values.count)
        for (value, label) in values.enumerated() {
            switch label {
            case .number(let number):
                if let existing = numberIndex[number] {
                    valueCategory[value] = existing
                } else {
                    let id = intern(LabelValue.format(number), number: number)
                    numberIndex[number] = id
                    valueCategory[value] = id
                }
            case .string(let text):
                let id = intern(text, number: nil)
                if multiple { valueSelection[value] = [id] } else { valueCategory[value] = id }
            case .strings(let list):
                // A label chosen twice in one answer counts once.
                valueSelection[value] = Set(list.map { intern($0, number: nil) }).sorted()
            }
        }
        let newId = finishOrder(
            declared: declared, keys: labelIndex.names, numbers: labelNumbers, allNumeric: allNumeric, answer: answer)
        // Selections keep the order of first appearance: gold tallies compare them as they are.
        valueCategory = valueCategory.map { $0 >= 0 ? newId[Int($0)] : -1 }
        valueSelection = valueSelection.map { $0.map { newId[Int($0)] } }
        recordCategory = columns.recordLabel.map { valueCategory[Int($0)] }
        if multiple {
            selectedStart.reserveCapacity(columns.count + 1)
            selectedStart.append(0)
            for label in columns.recordLabel {
                selected.append(contentsOf: valueSelection[Int(label)])
                selectedStart.append(Int32(selected.count))
            }
        }
        itemNames = columns.itemNames
        recordItem = columns.recordItem
        annotatorNames = columns.annotatorNames
        recordAnnotator = columns.recordAnnotator
        renumberAnnotators()
    }

    /// Puts categories in label order (declared first, then unknown ones sorted); returns the new
    /// id of each category.
    private mutating func finishOrder(
        declared: [String]?, keys: [String], numbers: [Double?], allNumeric: Bool, answer: AnswerKind
    ) -> [Int32] {
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
        return newId
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
