import Foundation

/// The columns read back as records, for callers that want whole rows.
extension AnnotationColumns: RandomAccessCollection {
    public var startIndex: Int { 0 }
    public var endIndex: Int { recordItem.count }

    /// The annotation at `position` as a record (built on each access).
    public subscript(position: Int) -> AnnotationRecord {
        let seconds = recordSeconds[position]
        let version = recordVersion[position]
        let time = recordTime[position]
        let label: LabelValue =
            if !spans.isEmpty {
                .spans(spans.values(of: position))
            } else if !boxes.isEmpty {
                .boxes(boxes.values(of: position))
            } else {
                labels.values[Int(recordLabel[position])]
            }
        return AnnotationRecord(
            item: items.names[Int(recordItem[position])], annotator: annotators.names[Int(recordAnnotator[position])],
            label: label, seconds: seconds.isNaN ? nil : seconds,
            guidelineVersion: version < 0 ? nil : versions[Int(version)],
            createdAt: time.isNaN ? nil : Date(timeIntervalSince1970: time))
    }
}
