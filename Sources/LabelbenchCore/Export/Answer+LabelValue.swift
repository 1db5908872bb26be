import Agreement

extension Answer {
    /// The answer a consensus computed by the statistics stands for (a number names a scale point).
    init(_ value: LabelValue) {
        switch value {
        case .string(let label): self = .one(label)
        case .strings(let labels): self = .many(labels)
        // A rating given as a number; span answers have no consensus of this kind and never come here.
        case .number, .spans: self = .one(value.key)
        }
    }
}
