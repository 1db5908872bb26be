import Foundation
import TextFormats

/// A minimal JSON writer with sorted keys.
///
/// `JSONEncoder` takes seconds for a report with a few hundred thousand items; writing bytes
/// directly keeps `agreement --json` on a million annotations well under a second.
struct JSONWriter {
    var bytes: [UInt8] = []
    /// Where the bytes go chunk by chunk when a large document is written out as it is produced
    /// (an export's `quality.json`); nil keeps the whole document in `bytes`.
    let sink: (([UInt8]) -> Void)?
    static let chunkBytes = 1 << 16
    /// The last fraction `share` wrote, and its bytes.
    private var lastShare = (bits: Double.nan.bitPattern, bytes: [UInt8]())

    init(capacity: Int = 1 << 16) {
        sink = nil
        bytes.reserveCapacity(capacity)
    }

    init(sink: @escaping ([UInt8]) -> Void) {
        self.sink = sink
        bytes.reserveCapacity(Self.chunkBytes + 4096)
    }

    /// Hands a full chunk to the sink, if there is one.
    mutating func spill() {
        guard let sink, bytes.count >= Self.chunkBytes else { return }
        sink(bytes)
        bytes.removeAll(keepingCapacity: true)
    }

    /// Hands what is left to the sink at the end of the document.
    mutating func finish() {
        guard let sink, !bytes.isEmpty else { return }
        sink(bytes)
        bytes.removeAll()
    }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// A string literal, escaped as `JSONText.string` escapes it.
    mutating func string(_ text: String) {
        JSONText.appendString(text, to: &bytes)
    }

    /// A number as `JSONText.number` writes it; absent is null.
    mutating func number(_ value: Double?) {
        guard let value else { return raw("null") }
        JSONText.appendNumber(value, to: &bytes)
    }

    /// A share, such as a confidence, as `number` writes it. A document has few distinct shares
    /// (2/3 on most consensus boxes of three annotators) and `number` makes a String for each
    /// fraction, so the bytes of the last fraction are kept.
    mutating func share(_ value: Double) {
        guard value.isFinite, value != value.rounded() else { return JSONText.appendNumber(value, to: &bytes) }
        if value.bitPattern == lastShare.bits { return bytes.append(contentsOf: lastShare.bytes) }
        let start = bytes.count
        JSONText.appendNumber(value, to: &bytes)
        lastShare.bits = value.bitPattern
        lastShare.bytes.removeAll(keepingCapacity: true)
        lastShare.bytes.append(contentsOf: bytes[start...])
    }

    /// A count.
    mutating func integer(_ value: Int) {
        JSONText.appendNumber(Double(value), to: &bytes)
    }

    mutating func bool(_ value: Bool?) {
        guard let value else { return raw("null") }
        value ? raw("true") : raw("false")
    }

    mutating func optionalString(_ value: String?) {
        guard let value else { return raw("null") }
        string(value)
    }

    mutating func label(_ value: LabelValue) {
        switch value {
        case .string(let text): string(text)
        case .number(let number): self.number(number)
        case .strings(let list): array(list) { $0.string($1) }
        case .spans(let spans): array(spans) { $0.span($1) }
        case .boxes(let boxes): array(boxes) { $0.box($1) }
        }
    }

    mutating func array<T>(_ elements: [T], _ write: (inout JSONWriter, T) -> Void) {
        bytes.append(0x5B)
        for (index, element) in elements.enumerated() {
            if index > 0 { bytes.append(0x2C) }
            write(&self, element)
        }
        bytes.append(0x5D)
    }

    mutating func numbers(_ values: [Double]?) {
        guard let values else { return raw("null") }
        array(values) { $0.number($1) }
    }

    /// An object whose fields are written in sorted key order.
    mutating func object(_ fields: [(String, (inout JSONWriter) -> Void)]) {
        bytes.append(0x7B)
        for (index, field) in fields.sorted(by: { $0.0 < $1.0 }).enumerated() {
            if index > 0 { bytes.append(0x2C) }
            string(field.0)
            bytes.append(0x3A)
            field.1(&self)
        }
        bytes.append(0x7D)
    }

    /// A string-keyed map in sorted key order.
    mutating func map<V>(_ dictionary: [String: V], _ write: (inout JSONWriter, V) -> Void) {
        bytes.append(0x7B)
        var first = true
        for (key, value) in dictionary.count <= 1 ? Array(dictionary) : dictionary.sorted(by: { $0.key < $1.key }) {
            if !first { bytes.append(0x2C) }
            first = false
            string(key)
            bytes.append(0x3A)
            write(&self, value)
        }
        bytes.append(0x7D)
    }
}

extension JSONWriter {
    /// An array of many rows, the bulk of a large document: the first half is written here while
    /// the second is written on the other core and then appended, so only half the bytes are
    /// copied. With a sink the rows are written in order, spilling as they go.
    mutating func rows<Row>(_ rows: [Row], bytesPerRow: Int, _ write: (inout JSONWriter, Row) -> Void) {
        if sink != nil {
            return array(rows) { writer, row in
                write(&writer, row)
                writer.spill()
            }
        }
        guard rows.count >= 20_000 else { return array(rows, write) }
        let middle = rows.count / 2
        bytes.append(0x5B)
        nonisolated(unsafe) var second = JSONWriter(capacity: (rows.count - middle) * bytesPerRow)
        withoutActuallyEscaping(write) { write in
            withUnsafeMutablePointer(to: &self) { first in
                // Each thread writes only its own writer; the rows and the row writer are only read.
                nonisolated(unsafe) let (first, rows, write) = (first, rows, write)
                DispatchQueue.concurrentPerform(iterations: 2) { half in
                    if half == 0 {
                        for index in 0..<middle {
                            if index != 0 { first.pointee.bytes.append(0x2C) }
                            write(&first.pointee, rows[index])
                        }
                    } else {
                        for index in middle..<rows.count {
                            if index != middle { second.bytes.append(0x2C) }
                            write(&second, rows[index])
                        }
                    }
                }
            }
        }
        bytes.append(0x2C)
        bytes.append(contentsOf: second.bytes)
        bytes.append(0x5D)
    }
}
