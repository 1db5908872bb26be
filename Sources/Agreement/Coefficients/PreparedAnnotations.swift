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
        let categories = LabelCategories(columns.labelValues, declared: declared, answer: answer)
        labels = categories.labels
        values = categories.values
        multiple = categories.multiple
        notes = categories.notes
        recordCategory = columns.recordLabel.map { categories.valueCategory[Int($0)] }
        if multiple {
            selectedStart.reserveCapacity(columns.count + 1)
            selectedStart.append(0)
            for label in columns.recordLabel {
                selected.append(contentsOf: categories.valueSelection[Int(label)])
                selectedStart.append(Int32(selected.count))
            }
        }
        itemNames = columns.itemNames
        recordItem = columns.recordItem
        annotatorNames = columns.annotatorNames
        recordAnnotator = columns.recordAnnotator
        renumberAnnotators()
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
            // Reserved up front: growing three million-entry arrays by doubling faults in fresh pages each time.
            units.reserveCapacity(recordCount)
            raters.reserveCapacity(recordCount)
            categories.reserveCapacity(recordCount)
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
