import Foundation

/// Annotations as columns of interned ids: the compact input every statistic reads.
///
/// A million `AnnotationRecord`s take about 100 MB, and their strings had to be interned again
/// before any statistic could run. Here item, annotator and label are `Int32` ids into tables of
/// distinct values (numbered in order of first appearance) and the optional fields are plain
/// columns: 32 bytes an annotation. Build it row by row with `append`, or read a file with
/// `AnnotationFile.readColumns(_:)`; as a collection it gives the records back.
public struct AnnotationColumns: Sendable {
    var items = StringInterner()
    var annotators = StringInterner()
    var labels = LabelInterner()
    /// Distinct guideline versions in order of first appearance.
    private(set) var versions: [Int] = []
    private var versionIds: [Int: Int32] = [:]
    /// One entry per annotation.
    var recordItem: [Int32] = []
    var recordAnnotator: [Int32] = []
    var recordLabel: [Int32] = []
    /// Seconds spent, NaN when not given (negative and infinite values are kept, statistics skip them).
    var recordSeconds: [Double] = []
    /// Index into `versions`, −1 when not given.
    var recordVersion: [Int32] = []
    /// Creation time in seconds since 1970, NaN when not given.
    var recordTime: [Double] = []
    /// Sources list an item's annotations together, so the last item is usually the next one too.
    var lastItem: Int32 = -1
    /// Span answers: their records carry the label `[]` here and their spans in these columns.
    var spans = SpanColumns()
    /// Box answers, kept the same way.
    var boxes = BoxColumns()

    /// Creates an empty set of annotations.
    public init() {}

    /// Creates the columns of `records`, in their order.
    public init(_ records: some Sequence<AnnotationRecord>) {
        reserveCapacity(records.underestimatedCount)
        for record in records { append(record) }
    }

    /// Reserves room for `count` annotations in every column.
    public mutating func reserveCapacity(_ count: Int) {
        recordItem.reserveCapacity(count)
        recordAnnotator.reserveCapacity(count)
        recordLabel.reserveCapacity(count)
        recordSeconds.reserveCapacity(count)
        recordVersion.reserveCapacity(count)
        recordTime.reserveCapacity(count)
    }

    /// Appends one annotation; only item, annotator and label are required. Spans must be valid
    /// (`Span.validated`); they are kept sorted by `start`. Boxes must be valid (`Box.validated`)
    /// and are kept in the order given.
    public mutating func append(
        item: String, annotator: String, label: LabelValue, seconds: Double? = nil, guidelineVersion: Int? = nil,
        createdAt: Date? = nil
    ) {
        let itemId = lastItem >= 0 && items.names[Int(lastItem)] == item ? lastItem : items.id(item)
        let spanList: [Span]? = if case .spans(let list) = label { list.sorted { $0.start < $1.start } } else { nil }
        let boxList: [Box]? = if case .boxes(let list) = label { list } else { nil }
        append(
            item: itemId, annotator: annotators.id(annotator),
            label: labels.id(spanList == nil && boxList == nil ? label : LabelValue.emptyList), seconds: seconds,
            guidelineVersion: guidelineVersion, createdAt: createdAt?.timeIntervalSince1970)
        if let spanList { spans.attach(spanList, count: count) }
        if let boxList { boxes.attach(boxList, count: count) }
    }

    /// Appends one record.
    public mutating func append(_ record: AnnotationRecord) {
        append(
            item: record.item, annotator: record.annotator, label: record.label, seconds: record.seconds,
            guidelineVersion: record.guidelineVersion, createdAt: record.createdAt)
    }

    /// Appends an annotation whose item, annotator and label are already interned here.
    mutating func append(
        item: Int32, annotator: Int32, label: Int32, seconds: Double?, guidelineVersion: Int?, createdAt: Double?
    ) {
        lastItem = item
        recordItem.append(item)
        recordAnnotator.append(annotator)
        recordLabel.append(label)
        recordSeconds.append(seconds ?? .nan)
        recordVersion.append(guidelineVersion.map { versionId($0) } ?? -1)
        recordTime.append(createdAt ?? .nan)
        spans.recordAppended(count: recordItem.count)
        boxes.recordAppended(count: recordItem.count)
    }

    /// The index of a guideline version in `versions`, adding it when new.
    mutating func versionId(_ version: Int) -> Int32 {
        // Versions change rarely from one annotation to the next; skip the hash when it didn't.
        if let last = recordVersion.last, last >= 0, versions[Int(last)] == version { return last }
        if let id = versionIds[version] { return id }
        let id = Int32(versions.count)
        versions.append(version)
        versionIds[version] = id
        return id
    }

    /// Drops every annotation but keeps the interned names and the columns' capacity.
    mutating func removeAnnotations() {
        recordItem.removeAll(keepingCapacity: true)
        recordAnnotator.removeAll(keepingCapacity: true)
        recordLabel.removeAll(keepingCapacity: true)
        recordSeconds.removeAll(keepingCapacity: true)
        recordVersion.removeAll(keepingCapacity: true)
        recordTime.removeAll(keepingCapacity: true)
        spans.removeAll()
        boxes.removeAll()
        lastItem = -1
    }

    /// The same annotations with every label value passed through `transform` (values that become
    /// equal share an id).
    func mappingLabels(_ transform: (LabelValue) -> LabelValue) -> AnnotationColumns {
        var copy = self
        copy.labels = LabelInterner()
        let newId = labels.values.map { copy.labels.id(transform($0)) }
        copy.recordLabel = recordLabel.map { newId[Int($0)] }
        return copy
    }

    /// Item names by id.
    var itemNames: [String] { items.names }
    /// Annotator names by id.
    var annotatorNames: [String] { annotators.names }
    /// Distinct label values by id.
    var labelValues: [LabelValue] { labels.values }
}
