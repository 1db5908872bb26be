/// Maps label values to dense `Int32` ids in order of first appearance.
///
/// A task has a handful of distinct answers, so statistics map each distinct value to its
/// categories once instead of once per annotation. String labels, by far the most common, are
/// looked up by their bytes; numbers by their bit pattern; label sets, rare, by value.
struct LabelInterner: Sendable {
    private(set) var values: [LabelValue] = []
    private var strings = StringInterner()
    /// Value id of each string in `strings`.
    private var stringValue: [Int32] = []
    private var numbers: [UInt64: Int32] = [:]
    private var sets: [[String]: Int32] = [:]
    private var spanLists: [[Span]: Int32] = [:]
    private var boxLists: [[Box]: Int32] = [:]

    var count: Int { values.count }

    /// The id of `value`, adding it when new.
    mutating func id(_ value: LabelValue) -> Int32 {
        switch value {
        case .string(let text):
            return valueId(ofString: strings.id(text))
        case .number(let number):
            if let id = numbers[number.bitPattern] { return id }
            let id = Int32(values.count)
            numbers[number.bitPattern] = id
            values.append(value)
            return id
        case .strings(let list):
            if let id = sets[list] { return id }
            let id = Int32(values.count)
            sets[list] = id
            values.append(value)
            return id
        case .spans(let spans):
            // Annotation columns keep spans in `SpanColumns`; this is for values passed in directly.
            if let id = spanLists[spans] { return id }
            let id = Int32(values.count)
            spanLists[spans] = id
            values.append(value)
            return id
        case .boxes(let boxes):
            // Annotation columns keep boxes in `BoxColumns`; this is for values passed in directly.
            if let id = boxLists[boxes] { return id }
            let id = Int32(values.count)
            boxLists[boxes] = id
            values.append(value)
            return id
        }
    }

    /// The id of the string label whose valid UTF-8 is `bytes`, without a `String` unless it is new.
    mutating func id(stringBytes bytes: UnsafeRawBufferPointer, hash: UInt64) -> Int32 {
        valueId(ofString: strings.id(bytes, hash: hash) { String(decoding: bytes, as: UTF8.self) })
    }

    private mutating func valueId(ofString string: Int32) -> Int32 {
        if Int(string) < stringValue.count { return stringValue[Int(string)] }
        let id = Int32(values.count)
        stringValue.append(id)
        values.append(.string(strings.names[Int(string)]))
        return id
    }
}
