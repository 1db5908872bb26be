extension Box {
    /// The box list a value of a box task stands for: a list of boxes, or `[]`, which may read back
    /// as an empty list of labels; nil for any other value.
    public static func boxList(_ value: LabelValue) -> [Box]? {
        switch value {
        case .boxes(let boxes): boxes
        case .strings(let labels) where labels.isEmpty: []
        default: nil
        }
    }
}
