/// `char_alpha`: nominal Krippendorff alpha over the (item, character) units that at least one
/// annotator's span covers, each annotator of the item giving the label of their span there or "O".
///
/// A text is never read: between two consecutive span boundaries of an item every annotator's
/// answer is constant, so each such segment stands for as many identical units as it has
/// characters. Identical units are pooled by their multiset of answers, and the distinct ones go
/// to `Krippendorff.nominalParts` once each, weighted by how many characters share them.
enum CharacterAlpha {
    static func compute(_ columns: AnnotationColumns, items: ItemRecords) -> Coefficient {
        let spans = columns.spans
        let outside = Int32(spans.labels.count)
        var pool = UnitPool()
        var boundaries: [Int32] = []
        var cursor: [Int] = []
        var answers: [Int32] = []
        for item in 0..<items.itemCount {
            let records = items.records(of: item)
            // Units with a single answer are not pairable and add nothing to alpha.
            guard records.count >= 2 else { continue }
            boundaries.removeAll(keepingCapacity: true)
            cursor.removeAll(keepingCapacity: true)
            for record in records {
                let range = spans.spans(of: Int(record))
                for span in range {
                    boundaries.append(spans.parts[span].start)
                    boundaries.append(spans.parts[span].end)
                }
                cursor.append(range.lowerBound)
            }
            guard !boundaries.isEmpty else { continue }
            boundaries.sort()
            var previous = boundaries[0]
            for boundary in boundaries.dropFirst() where boundary != previous {
                answers.removeAll(keepingCapacity: true)
                var covered = false
                for (position, record) in records.enumerated() {
                    let range = spans.spans(of: Int(record))
                    var span = cursor[position]
                    while span < range.upperBound, spans.parts[span].end <= previous { span += 1 }
                    cursor[position] = span
                    if span < range.upperBound, spans.parts[span].start <= previous {
                        answers.append(spans.label[span])
                        covered = true
                    } else {
                        answers.append(outside)
                    }
                }
                if covered { pool.add(&answers, characters: Double(boundary - previous)) }
                previous = boundary
            }
        }
        let table = pool.ratingTable(categoryCount: spans.labels.count + 1)
        return Krippendorff.nominalParts(table, unitWeights: pool.weights).alpha
    }
}

/// Distinct units by their sorted answers, with the number of characters each stands for.
private struct UnitPool {
    /// Up to four answers below 2^15, packed with their count, cover nearly every file.
    private var packed: [UInt64: Int] = [:]
    private var other: [[Int32]: Int] = [:]
    private(set) var units: [[Int32]] = []
    private(set) var weights: [Double] = []

    mutating func add(_ answers: inout [Int32], characters: Double) {
        answers.sort()
        let unit: Int
        if answers.count <= 4, answers.last! < 1 << 15 {
            var key = UInt64(answers.count)
            for answer in answers { key = key << 15 | UInt64(answer) }
            if let known = packed[key] {
                unit = known
            } else {
                unit = newUnit(answers)
                packed[key] = unit
            }
        } else if let known = other[answers] {
            unit = known
        } else {
            unit = newUnit(answers)
            other[answers] = unit
        }
        weights[unit] += characters
    }

    private mutating func newUnit(_ answers: [Int32]) -> Int {
        units.append(answers)
        weights.append(0)
        return units.count - 1
    }

    /// One unit per distinct answer multiset, each answer from a different rater position.
    func ratingTable(categoryCount: Int) -> RatingTable {
        var unitIds: [Int32] = []
        var raters: [Int32] = []
        var categories: [Int32] = []
        for (unit, answers) in units.enumerated() {
            for (rater, answer) in answers.enumerated() {
                unitIds.append(Int32(unit))
                raters.append(Int32(rater))
                categories.append(answer)
            }
        }
        return RatingTable(
            units: unitIds, raters: raters, categories: categories, unitCount: units.count,
            categoryCount: categoryCount)
    }
}
