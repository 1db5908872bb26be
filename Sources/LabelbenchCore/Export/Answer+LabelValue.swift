import Agreement

extension Answer {
    /// The answer a consensus computed by the statistics stands for (a number names a scale point).
    init(_ value: LabelValue) {
        switch value {
        case .string(let label): self = .one(label)
        case .strings(let labels): self = .many(labels)
        case .spans(let spans): self = .spans(spans)
        case .boxes(let boxes): self = .boxes(boxes)
        // A rating given as a number.
        case .number: self = .one(value.key)
        }
    }
}
