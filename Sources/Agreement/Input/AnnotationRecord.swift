import Foundation

/// One line of annotation JSONL: who labeled which item how, and optionally when and how fast.
public struct AnnotationRecord: Sendable, Hashable {
    public var item: String
    public var annotator: String
    public var label: LabelValue
    public var seconds: Double?
    public var guidelineVersion: Int?
    public var createdAt: Date?

    /// Creates a record; only item, annotator and label are required.
    public init(
        item: String, annotator: String, label: LabelValue, seconds: Double? = nil, guidelineVersion: Int? = nil,
        createdAt: Date? = nil
    ) {
        self.item = item
        self.annotator = annotator
        self.label = label
        self.seconds = seconds
        self.guidelineVersion = guidelineVersion
        self.createdAt = createdAt
    }
}
