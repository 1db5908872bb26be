/// Multiple-choice answers aggregated label by label (see `MajorityVote`): what `aggregate` does
/// when the answers are label sets.
enum LabelSetAggregation {
    /// Consensus sets, and each annotator's skill and confusion against them.
    ///
    /// Skill is the share of the annotator's yes/no decisions (one per label and answer) that match the
    /// consensus; `confusion[TRUE][GIVEN]` is the share of their answers on items whose consensus holds
    /// TRUE that include GIVEN (a row need not sum to 1: an answer may hold several labels).
    static func aggregate(_ columns: AnnotationColumns, labelOrder: [String]?) -> AggregationResult {
        let prepared = PreparedAnnotations(columns, labels: labelOrder, answer: .multiple)
        let classes = prepared.labels.count
        let items = prepared.itemNames.count
        func selection(_ record: Int) -> ArraySlice<Int32> {
            prepared.selected[Int(prepared.selectedStart[record])..<Int(prepared.selectedStart[record + 1])]
        }
        var annotatorsOf = [Int](repeating: 0, count: items)
        var chosen = [Int](repeating: 0, count: items * classes)
        for record in 0..<prepared.recordCount {
            let item = Int(prepared.recordItem[record])
            annotatorsOf[item] += 1
            for label in selection(record) { chosen[item * classes + Int(label)] += 1 }
        }
        var kept = [Bool](repeating: false, count: items * classes)
        var confidence = [Double](repeating: 0, count: items)
        for item in 0..<items {
            let vote = MajorityVote.labelSet(
                chosenBy: chosen[(item * classes)..<((item + 1) * classes)], annotators: annotatorsOf[item])
            kept.replaceSubrange((item * classes)..<((item + 1) * classes), with: vote.kept)
            confidence[item] = vote.confidence
        }
        let labels = (0..<items).sorted { prepared.itemNames[$0] < prepared.itemNames[$1] }.map { item in
            AggregatedLabel(
                item: prepared.itemNames[item],
                label: .strings((0..<classes).filter { kept[item * classes + $0] }.map { prepared.labels[$0] }),
                confidence: confidence[item])
        }
        let workers = prepared.annotatorNames.count
        var matches = [Double](repeating: 0, count: workers)
        var decisions = [Double](repeating: 0, count: workers)
        var answersUnder = [Double](repeating: 0, count: workers * classes)
        var givenUnder = [Double](repeating: 0, count: workers * classes * classes)
        var given = [Bool](repeating: false, count: classes)
        for record in 0..<prepared.recordCount {
            let item = Int(prepared.recordItem[record])
            let worker = Int(prepared.recordAnnotator[record])
            for c in 0..<classes { given[c] = false }
            for label in selection(record) { given[Int(label)] = true }
            for c in 0..<classes where given[c] == kept[item * classes + c] { matches[worker] += 1 }
            decisions[worker] += Double(classes)
            for truth in 0..<classes where kept[item * classes + truth] {
                answersUnder[worker * classes + truth] += 1
                for label in selection(record) { givenUnder[(worker * classes + truth) * classes + Int(label)] += 1 }
            }
        }
        let annotators = (0..<workers).map { worker in
            var confusion: [String: [String: Double]] = [:]
            for truth in 0..<classes where answersUnder[worker * classes + truth] > 0 {
                let total = answersUnder[worker * classes + truth]
                var row: [String: Double] = [:]
                for label in 0..<classes {
                    row[prepared.labels[label]] = givenUnder[(worker * classes + truth) * classes + label] / total
                }
                confusion[prepared.labels[truth]] = row
            }
            return AnnotatorSkill(
                annotator: prepared.annotatorNames[worker],
                skill: decisions[worker] > 0 ? matches[worker] / decisions[worker] : nil, confusion: confusion)
        }
        var notes = prepared.notes
        if columns.isEmpty { notes.append("no annotations") }
        return AggregationResult(
            method: AggregationMethod.majority.name, labels: labels, annotators: annotators, iterations: nil, priors: nil,
            notes: notes)
    }
}
