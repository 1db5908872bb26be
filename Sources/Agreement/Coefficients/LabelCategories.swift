/// The categories of a set of distinct answers: label keys in label order (declared first, then
/// the others sorted by value or name), numeric values when the labels allow them, and the
/// category or selection of each distinct answer.
///
/// Working per distinct answer rather than per annotation makes this cost nothing next to the
/// per-annotation passes, which then only index `valueCategory` or `valueSelection`.
struct LabelCategories {
    /// Category keys in label order.
    var labels: [String] = []
    /// Numeric value per category when labels are numbers (or scale positions for ratings).
    var values: [Double]?
    var multiple = false
    var notes: [String] = []
    /// Category of each distinct answer for single choice (−1 for answers scored as selections).
    var valueCategory: [Int32] = []
    /// Multiple choice: the categories each distinct answer selects.
    var valueSelection: [[Int32]] = []

    init(_ values: [LabelValue], declared: [String]?, answer: AnswerKind) {
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
        valueCategory = [Int32](repeating: -1, count: values.count)
        valueSelection = [[Int32]](repeating: [], count: values.count)
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
            case .spans, .boxes:
                // Span and box answers are scored by `SpanAgreement` and `BoxAgreement`, not as categories.
                break
            }
        }
        let newId = finishOrder(
            declared: declared, keys: labelIndex.names, numbers: labelNumbers, allNumeric: allNumeric, answer: answer)
        // Selections keep the order of first appearance: gold tallies compare them as they are.
        valueCategory = valueCategory.map { $0 >= 0 ? newId[Int($0)] : -1 }
        valueSelection = valueSelection.map { $0.map { newId[Int($0)] } }
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
}
