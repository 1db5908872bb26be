import Agreement

/// Consensus labels the statistics engine computes over the whole task, looked up per item where
/// the item-by-item vote does not apply: Dawid–Skene's model, and the consensus spans or boxes.
struct TaskConsensus {
    private let byItem: [String: (Answer, Double)]
    /// Each item's agreement when the vote cannot give it (span tasks: mean exact pair F1; box tasks:
    /// mean pair F1 at IoU 0.5).
    private let agreementByItem: [String: Double]?

    init(dawidSkene task: LabelingTask, annotations: AnnotationColumns, gold: [String: LabelValue]) throws {
        guard task.answer == .single || task.answer == .rating else {
            throw DomainError.invalid(
                "method: dawid-skene needs single-choice or rating answers; use majority for multiple choice")
        }
        let result = aggregate(
            annotations, method: .dawidSkene(iterations: 100, tolerance: nil), labelOrder: task.labelNames, gold: gold)
        byItem = Dictionary(uniqueKeysWithValues: result.labels.map { ($0.item, (Answer($0.label), $0.confidence)) })
        agreementByItem = nil
    }

    /// Span and box tasks: the library's consensus list of each item (strict-majority spans, box
    /// clusters), and the per-item F1 of `report` (the task's own), so a row agrees with quality.json.
    init(marks task: LabelingTask, annotations: AnnotationColumns, report: AgreementReport) {
        let result = aggregate(annotations, method: .majority, labelOrder: task.labelNames)
        byItem = Dictionary(uniqueKeysWithValues: result.labels.map { ($0.item, (Answer($0.label), $0.confidence)) })
        agreementByItem = Dictionary(
            report.perItem.compactMap { row in row.agreement.map { (row.item, $0) } }, uniquingKeysWith: { first, _ in first })
    }

    func result(for item: String) -> (Answer, Double)? { byItem[item] }

    /// True when rows take their agreement from here rather than from the item's vote.
    var givesAgreement: Bool { agreementByItem != nil }

    func agreement(for item: String) -> Double? { agreementByItem?[item] }
}
