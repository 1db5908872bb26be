/// The spans of every annotation as flat columns beside `AnnotationColumns`' records.
///
/// A million spans as `[Span]` arrays per annotation cost a heap allocation each and a label
/// string per span; here they are three `Int32` columns (12 bytes a span) with labels interned.
/// The columns stay empty until the first annotation with spans arrives, so files without spans
/// pay one branch per record.
struct SpanColumns: Sendable {
    /// Empty while no record has spans; then one entry more than there are records: the spans of
    /// record `r` are `recordStart[r]..<recordStart[r + 1]`.
    private(set) var recordStart: [Int32] = []
    private(set) var start: [Int32] = []
    private(set) var end: [Int32] = []
    private(set) var label: [Int32] = []
    /// Span labels in order of first appearance.
    private(set) var labels = StringInterner()

    /// True while no annotation has given spans.
    var isEmpty: Bool { recordStart.isEmpty }

    /// The span range of record `record`.
    @inline(__always) func spans(of record: Int) -> Range<Int> {
        Int(recordStart[record])..<Int(recordStart[record + 1])
    }

    /// The spans of a record as values (built on each call).
    func values(of record: Int) -> [Span] {
        spans(of: record).map { Span(start: Int(start[$0]), end: Int(end[$0]), label: labels.names[Int(label[$0])]) }
    }

    /// Called after record number `count - 1` is appended: it gets an empty span range, unless
    /// spans are not being kept yet.
    @inline(__always) mutating func recordAppended(count: Int) {
        guard !recordStart.isEmpty, recordStart.count <= count else { return }
        recordStart.append(Int32(start.count))
    }

    /// Gives the record just appended (`count` records now) its spans, already validated and sorted.
    mutating func attach(_ spans: [Span], count: Int) {
        if recordStart.isEmpty { recordStart = [Int32](repeating: 0, count: count) }
        if recordStart.count > count { recordStart.removeLast() }
        for span in spans {
            start.append(Int32(span.start))
            end.append(Int32(span.end))
            label.append(labels.id(span.label))
        }
        recordStart.append(Int32(start.count))
    }

    /// Appends `other`'s spans for the `otherRecords` records just added after `recordsBefore`.
    mutating func append(contentsOf other: SpanColumns, recordsBefore: Int, otherRecords: Int, remap: inout [Int32]) {
        guard !other.isEmpty || !isEmpty else { return }
        if isEmpty { recordStart = [Int32](repeating: 0, count: recordsBefore + 1) }
        guard !other.isEmpty else {
            recordStart.append(contentsOf: repeatElement(recordStart.last!, count: otherRecords))
            return
        }
        for id in remap.count..<other.labels.count { remap.append(labels.id(of: Int32(id), in: other.labels)) }
        let shift = Int32(start.count)
        let labelIds = remap
        start.append(contentsOf: other.start)
        end.append(contentsOf: other.end)
        label.append(contentsOf: other.label.lazy.map { labelIds[Int($0)] })
        recordStart.append(contentsOf: other.recordStart.dropFirst().lazy.map { $0 + shift })
    }

    /// Drops every span but keeps the interned labels.
    mutating func removeAll() {
        recordStart.removeAll(keepingCapacity: true)
        start.removeAll(keepingCapacity: true)
        end.removeAll(keepingCapacity: true)
        label.removeAll(keepingCapacity: true)
    }
}

extension SpanColumns {
    /// The label column's value for a record whose answer is a span list: the empty list, which
    /// a `[]` line also has, since `[]` is a span answer too in a file of spans.
    static let listLabel = LabelValue.strings([])
}
