extension Box {
    /// The box list a value of a box task stands for: a list of boxes, or `[]`, which may read back
    /// as an empty list of labels; nil for any other value.
    public static func list(_ value: LabelValue) -> [Box]? {
        if case .boxes(let boxes) = value { return boxes }
        return value == .emptyList ? [] : nil
    }

    /// `list`, by the name the box quality pages read it under.
    public static func boxList(_ value: LabelValue) -> [Box]? { list(value) }
}
