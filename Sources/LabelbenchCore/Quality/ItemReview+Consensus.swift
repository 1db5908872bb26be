import Agreement

extension ItemReview {
    /// The item's consensus spans by the statistics library's rule, as exports give them: the
    /// spans a strict majority of its annotations marked exactly. Empty without annotations.
    public var consensusSpans: [Span] {
        var columns = AnnotationColumns()
        for given in labels {
            columns.append(item: item.externalID, annotator: given.annotator, label: .spans(given.answer.spanList))
        }
        // Without any span marked the library reads the answers as empty label sets: the consensus is empty too.
        guard case .spans(let spans)? = aggregate(columns, method: .majority).labels.first?.label else { return [] }
        return spans
    }
}
