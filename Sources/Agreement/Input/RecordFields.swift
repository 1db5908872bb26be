import Foundation

/// A string field as the line scanner found it: the bytes in the line when they are plain ASCII
/// (the usual case, interned without making a `String`), otherwise the decoded text.
enum ScannedText {
    case bytes(UnsafeRawBufferPointer)
    case text(String)

    var isEmpty: Bool {
        switch self {
        case .bytes(let bytes): bytes.isEmpty
        case .text(let text): text.isEmpty
        }
    }

    /// The text as a `String`; plain ASCII labels are short, so a small string, no allocation.
    var string: String {
        switch self {
        case .bytes(let bytes): String(decoding: bytes, as: UTF8.self)
        case .text(let text): text
        }
    }
}

/// The fields of one line as they are found, before the required ones are checked.
struct RecordFields {
    var item: ScannedText?
    var annotator: ScannedText?
    var label: ScannedLabel?
    var seconds: Double?
    var guidelineVersion: Int?
    /// Seconds since 1970.
    var createdAt: Double?

    /// A label: a string as found, a number or list of strings already decoded, spans or boxes as
    /// sent, or boxes the line scanner left in its `ScannedBoxes`.
    enum ScannedLabel {
        case string(ScannedText)
        case value(LabelValue)
        case spans([Span])
        case boxes([Box])
        case scannedBoxes
    }

    /// Checks the required fields and appends the annotation to `columns`; `boxes` holds the
    /// boxes of a `.scannedBoxes` label.
    func append(to columns: inout AnnotationColumns, line: Int, boxes scanned: ScannedBoxes = ScannedBoxes()) throws {
        guard let item else { throw AnnotationFileError(line: line, message: "missing field \"item\"") }
        guard let annotator else { throw AnnotationFileError(line: line, message: "missing field \"annotator\"") }
        guard let label else { throw AnnotationFileError(line: line, message: "missing field \"label\"") }
        if case .value(.number(let value)) = label, !value.isFinite {
            throw AnnotationFileError(line: line, message: "field \"label\" must be a finite number")
        }
        let labelId: Int32
        var spans: [Span]?
        var boxes: [Box]?
        switch label {
        case .string(.bytes(let bytes)):
            labelId = columns.labels.id(stringBytes: bytes, hash: StringInterner.hash(bytes))
        case .string(.text(let text)): labelId = columns.labels.id(.string(text))
        case .value(let value): labelId = columns.labels.id(value)
        case .spans(let sent):
            do throws(SpanListError) {
                spans = try Span.validated(sent)
            } catch {
                throw AnnotationFileError(line: line, message: error.message)
            }
            labelId = columns.labels.id(LabelValue.emptyList)
        case .boxes(let sent):
            do throws(BoxListError) {
                boxes = try Box.validated(sent)
            } catch {
                throw AnnotationFileError(line: line, message: error.message)
            }
            labelId = columns.labels.id(LabelValue.emptyList)
        case .scannedBoxes:
            // Checked box by box as `Box.validated` checks them; on a problem it words the refusal.
            for (shape, label) in zip(scanned.shapes, scanned.labels)
            where Box.problem(shape, labelIsEmpty: label.isEmpty) != nil {
                do throws(BoxListError) {
                    _ = try Box.validated(scanned.values)
                } catch {
                    throw AnnotationFileError(line: line, message: error.message)
                }
            }
            labelId = columns.labels.id(LabelValue.emptyList)
        }
        columns.append(
            item: Self.intern(item, in: &columns.items, last: columns.lastItem),
            annotator: Self.intern(annotator, in: &columns.annotators, last: -1), label: labelId, seconds: seconds,
            guidelineVersion: guidelineVersion, createdAt: createdAt)
        if let spans { columns.spans.attach(spans, count: columns.count) }
        if let boxes { columns.boxes.attach(boxes, count: columns.count) }
        if case .scannedBoxes = label { columns.boxes.attach(scanned.shapes, labels: scanned.labels, count: columns.count) }
    }

    private static func intern(_ text: ScannedText, in interner: inout StringInterner, last: Int32) -> Int32 {
        switch text {
        case .bytes(let bytes):
            if last >= 0, interner.matches(last, bytes) { return last }
            return interner.id(bytes, hash: StringInterner.hash(bytes)) { String(decoding: bytes, as: UTF8.self) }
        case .text(let text):
            return interner.id(text)
        }
    }
}
