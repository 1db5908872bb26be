import Agreement

/// Consensus labels from the statistics engine's Dawid–Skene model, looked up per item.
struct DawidSkeneConsensus {
    private let byItem: [String: (Answer, Double)]

    init(task: LabelingTask, annotations: AnnotationColumns, gold: [String: LabelValue]) throws {
        guard task.answer == .single || task.answer == .rating else {
            throw DomainError.invalid(
                "method: dawid-skene needs single-choice or rating answers; use majority for multiple choice")
        }
        let result = aggregate(
            annotations, method: .dawidSkene(iterations: 100, tolerance: nil), labelOrder: task.labelNames, gold: gold)
        byItem = Dictionary(uniqueKeysWithValues: result.labels.map { ($0.item, (Answer($0.label), $0.confidence)) })
    }

    func result(for item: String) -> (Answer, Double)? { byItem[item] }
}
