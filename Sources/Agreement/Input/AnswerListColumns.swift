/// Answers that are lists of labelled parts (spans of a text, boxes on an image) as flat columns
/// beside `AnnotationColumns`' records.
///
/// A million parts as arrays per annotation cost a heap allocation each and a label string per
/// part; here each part is a small value in one array with its label interned. The columns stay
/// empty until the first annotation with such a list arrives, so other files pay one branch per
/// record. `Part` is the geometry: `SpanBounds` or `BoxGeometry`.
struct AnswerListColumns<Part: Sendable>: Sendable {
    /// Empty while no record has a list; then one entry more than there are records: the parts of
    /// record `r` are `recordStart[r]..<recordStart[r + 1]`.
    private(set) var recordStart: [Int32] = []
    private(set) var parts: [Part] = []
    private(set) var label: [Int32] = []
    /// Part labels in order of first appearance.
    private(set) var labels = StringInterner()
    /// How many parts to make room for when the first list arrives (`expect(parts:)`).
    private var expected = 0

    /// True while no annotation has given a list of these parts.
    var isEmpty: Bool { recordStart.isEmpty }

    /// The part range of record `record`.
    @inline(__always) func range(of record: Int) -> Range<Int> {
        Int(recordStart[record])..<Int(recordStart[record + 1])
    }

    /// Called after record number `count - 1` is appended: it gets an empty range, unless lists
    /// are not being kept yet.
    @inline(__always) mutating func recordAppended(count: Int) {
        guard !recordStart.isEmpty, recordStart.count <= count else { return }
        recordStart.append(Int32(parts.count))
    }

    /// Makes room for about `parts` parts once lists arrive, so a large file's columns are not
    /// copied as they grow; a file without lists reserves nothing.
    mutating func expect(parts: Int) { expected = parts }

    /// Gives the record just appended (`count` records now) its parts, already validated.
    mutating func attach(_ newParts: some Sequence<(Part, String)>, count: Int) {
        startRecord(count: count)
        for (part, name) in newParts {
            parts.append(part)
            label.append(labels.id(name))
        }
        recordStart.append(Int32(parts.count))
    }

    /// `attach` for parts as the line scanner read them, labels interned from the line's bytes.
    mutating func attach(_ newParts: [Part], labels names: [ScannedText], count: Int) {
        startRecord(count: count)
        parts.append(contentsOf: newParts)
        for name in names {
            switch name {
            case .bytes(let bytes):
                label.append(labels.id(bytes, hash: StringInterner.hash(bytes)) { String(decoding: bytes, as: UTF8.self) })
            case .text(let text):
                label.append(labels.id(text))
            }
        }
        recordStart.append(Int32(parts.count))
    }

    /// Before the parts of record `count - 1` are appended: starts the columns at the first list.
    @inline(__always) private mutating func startRecord(count: Int) {
        if recordStart.isEmpty {
            recordStart.reserveCapacity(Swift.max(count + 1, expected / 4))
            recordStart.append(contentsOf: repeatElement(0, count: count))
            parts.reserveCapacity(expected)
            label.reserveCapacity(expected)
        }
        if recordStart.count > count { recordStart.removeLast() }
    }

    /// Appends `other`'s parts for the `otherRecords` records just added after `recordsBefore`.
    mutating func append(contentsOf other: Self, recordsBefore: Int, otherRecords: Int, remap: inout [Int32]) {
        guard !other.isEmpty || !isEmpty else { return }
        if isEmpty { startRecord(count: recordsBefore + 1) }
        guard !other.isEmpty else {
            recordStart.append(contentsOf: repeatElement(recordStart.last!, count: otherRecords))
            return
        }
        for id in remap.count..<other.labels.count { remap.append(labels.id(of: Int32(id), in: other.labels)) }
        let shift = Int32(parts.count)
        let labelIds = remap
        parts.append(contentsOf: other.parts)
        label.append(contentsOf: other.label.lazy.map { labelIds[Int($0)] })
        recordStart.append(contentsOf: other.recordStart.dropFirst().lazy.map { $0 + shift })
    }

    /// Drops every part but keeps the interned labels.
    mutating func removeAll() {
        recordStart.removeAll(keepingCapacity: true)
        parts.removeAll(keepingCapacity: true)
        label.removeAll(keepingCapacity: true)
    }
}

extension LabelValue {
    /// The label column's value for a record whose answer is a list of spans or boxes: the empty
    /// list, which a `[]` line also has, since `[]` is an answer of either kind.
    static let emptyList = LabelValue.strings([])
}
