/// How the ids of one set of columns map to another's, kept across appends so each distinct
/// name is looked up once however many batches it appears in.
struct ColumnsRemap: Sendable {
    var items: [Int32] = []
    var annotators: [Int32] = []
    var labels: [Int32] = []
    var versions: [Int32] = []
    var spanLabels: [Int32] = []
    var boxLabels: [Int32] = []
}

extension AnnotationColumns {
    /// Appends every annotation of `other`, translating its ids into this set's.
    ///
    /// The file parser's threads each intern into their own columns; merging costs one lookup
    /// per new distinct name plus array indexing per annotation. Names new to both are added in
    /// `other`'s order, so ids stay in order of first appearance when batches arrive in file order.
    mutating func append(contentsOf other: AnnotationColumns, remap: inout ColumnsRemap) {
        for id in remap.items.count..<other.items.count { remap.items.append(items.id(of: Int32(id), in: other.items)) }
        for id in remap.annotators.count..<other.annotators.count {
            remap.annotators.append(annotators.id(of: Int32(id), in: other.annotators))
        }
        for id in remap.labels.count..<other.labels.count {
            remap.labels.append(labels.id(other.labels.values[id]))
        }
        for id in remap.versions.count..<other.versions.count {
            remap.versions.append(versionId(other.versions[id]))
        }
        let items = remap.items
        let annotators = remap.annotators
        let labels = remap.labels
        let versions = remap.versions
        let recordsBefore = recordItem.count
        recordItem.append(contentsOf: other.recordItem.lazy.map { items[Int($0)] })
        recordAnnotator.append(contentsOf: other.recordAnnotator.lazy.map { annotators[Int($0)] })
        recordLabel.append(contentsOf: other.recordLabel.lazy.map { labels[Int($0)] })
        recordSeconds.append(contentsOf: other.recordSeconds)
        recordVersion.append(contentsOf: other.recordVersion.lazy.map { $0 < 0 ? -1 : versions[Int($0)] })
        recordTime.append(contentsOf: other.recordTime)
        spans.append(
            contentsOf: other.spans, recordsBefore: recordsBefore, otherRecords: other.count, remap: &remap.spanLabels)
        boxes.append(
            contentsOf: other.boxes, recordsBefore: recordsBefore, otherRecords: other.count, remap: &remap.boxLabels)
        if let last = recordItem.last { lastItem = last }
    }
}
