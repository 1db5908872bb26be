import Foundation

/// A byte scanner for the small, flat objects of annotation JSONL.
///
/// Foundation's JSON parsers build a dictionary of boxed values per line, which costs
/// several seconds on a million lines; this reads the known keys straight into fields.
/// It returns nil whenever a line leaves the simple shape, and the caller falls back to
/// `JSONSerialization`, so exotic but valid lines still parse and bad ones get its verdict.
struct LineScanner {
    let bytes: UnsafeRawBufferPointer
    var index = 0
    /// Carried from line to line by the caller.
    var dates: DateCache
    /// The boxes of the line's label, when it is a box list (`.scannedBoxes`); carried from line
    /// to line by the caller too.
    var boxes = ScannedBoxes()

    init(bytes: UnsafeRawBufferPointer, dates: DateCache = DateCache()) {
        self.bytes = bytes
        self.dates = dates
    }

    var atEnd: Bool { index >= bytes.count }

    // The small helpers below run several times per field; inlining them is worth about a tenth of parsing.
    /// After an object member: consumes `,` (true: another member follows) or `}` (false: the object
    /// ended); nil on anything else.
    @inline(__always) mutating func afterMember() -> Bool? { afterValue(closedBy: UInt8(ascii: "}")) }

    /// After an array element: consumes `,` (true) or `]` (false: the array ended); nil on anything else.
    @inline(__always) mutating func afterElement() -> Bool? { afterValue(closedBy: UInt8(ascii: "]")) }

    @inline(__always) private mutating func afterValue(closedBy close: UInt8) -> Bool? {
        skipSpace()
        guard index < bytes.count else { return nil }
        switch bytes[index] {
        case UInt8(ascii: ","):
            index += 1
            return true
        case close:
            index += 1
            return false
        default: return nil
        }
    }

    @inline(__always) mutating func skipSpace() {
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A { index += 1 } else { return }
        }
    }

    @inline(__always) mutating func expect(_ byte: UInt8) -> Bool {
        skipSpace()
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// Reads `{ "key": value, ... }`; nil means "not the simple shape, use the slow path".
    mutating func scanRecord() throws -> RecordFields? {
        guard expect(UInt8(ascii: "{")) else { return nil }
        var fields = RecordFields()
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return finish(fields)
        }
        while true {
            skipSpace()
            guard let key = scanKey() else { return nil }
            guard expect(UInt8(ascii: ":")) else { return nil }
            skipSpace()
            guard index < bytes.count else { return nil }
            switch key {
            case .item:
                guard let text = scanText() else { return nil }
                fields.item = text
            case .annotator:
                guard let text = scanText() else { return nil }
                fields.annotator = text
            case .label:
                guard let label = scanLabel() else { return nil }
                fields.label = label
            case .seconds:
                if scanNull() {
                    fields.seconds = nil
                } else {
                    guard let number = scanNumber() else { return nil }
                    fields.seconds = number
                }
            case .guidelineVersion:
                if scanNull() {
                    fields.guidelineVersion = nil
                } else {
                    guard let number = scanNumber(), number == number.rounded(), abs(number) < 1e15 else { return nil }
                    fields.guidelineVersion = Int(number)
                }
            case .createdAt:
                if scanNull() {
                    fields.createdAt = nil
                } else {
                    guard let date = scanDate() else { return nil }
                    fields.createdAt = date.timeIntervalSince1970
                }
            case .other:
                guard skipScalar() else { return nil }
            }
            guard let another = afterMember() else { return nil }
            if !another { return finish(fields) }
        }
    }

    private mutating func finish(_ fields: RecordFields) -> RecordFields? {
        skipSpace()
        return atEnd ? fields : nil
    }

    enum Key { case item, annotator, label, seconds, guidelineVersion, createdAt, other }

    /// Matches the known keys by their bytes without building a String.
    mutating func scanKey() -> Key? {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
        let start = index + 1
        // Our six keys by first byte and length, without scanning for the closing quote.
        if start < bytes.count {
            @inline(__always) func match(_ word: StaticString, _ key: Key) -> Key? {
                let length = word.utf8CodeUnitCount
                guard start + length < bytes.count, bytes[start + length] == UInt8(ascii: "\""),
                    StringInterner.equal(
                        UnsafeRawBufferPointer(rebasing: bytes[start..<start + length]),
                        UnsafeRawBufferPointer(start: word.utf8Start, count: length))
                else { return nil }
                return key
            }
            var found: Key?
            switch bytes[start] {
            case UInt8(ascii: "i"): found = match("item", .item)
            case UInt8(ascii: "a"): found = match("annotator", .annotator)
            case UInt8(ascii: "l"): found = match("label", .label)
            case UInt8(ascii: "s"): found = match("seconds", .seconds)
            case UInt8(ascii: "g"): found = match("guideline_version", .guidelineVersion)
            case UInt8(ascii: "c"): found = match("created_at", .createdAt)
            default: break
            }
            if let found {
                index = start + Self.keyLength(found) + 1
                return found
            }
        }
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\") { end += 1 }
        guard end < bytes.count else { return nil }
        if bytes[end] == UInt8(ascii: "\\") {
            // An escaped key is legal JSON but never ours in practice; decode it properly.
            guard let text = scanString() else { return nil }
            var utf8 = Array(text.utf8)
            return utf8.withUnsafeMutableBytes { Self.key(UnsafeRawBufferPointer($0)) }
        }
        index = end + 1
        return Self.key(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
    }

    static func keyLength(_ key: Key) -> Int {
        switch key {
        case .item: 4
        case .annotator: 9
        case .label: 5
        case .seconds: 7
        case .guidelineVersion: 17
        case .createdAt: 10
        case .other: 0
        }
    }

    static func key(_ name: UnsafeRawBufferPointer) -> Key {
        func equals(_ word: StaticString) -> Bool {
            name.count == word.utf8CodeUnitCount && memcmp(name.baseAddress!, word.utf8Start, name.count) == 0
        }
        switch name.count {
        case 4 where equals("item"): return .item
        case 5 where equals("label"): return .label
        case 7 where equals("seconds"): return .seconds
        case 9 where equals("annotator"): return .annotator
        case 10 where equals("created_at"): return .createdAt
        case 17 where equals("guideline_version"): return .guidelineVersion
        default: return .other
        }
    }

    @inline(__always) mutating func scanNull() -> Bool {
        guard index + 4 <= bytes.count, bytes[index] == UInt8(ascii: "n") else { return false }
        guard bytes[index + 1] == UInt8(ascii: "u"), bytes[index + 2] == UInt8(ascii: "l"),
            bytes[index + 3] == UInt8(ascii: "l")
        else { return false }
        index += 4
        return true
    }

    mutating func scanLabel() -> RecordFields.ScannedLabel? {
        let byte = bytes[index]
        if byte == UInt8(ascii: "\"") {
            guard let text = scanText() else { return nil }
            return .string(text)
        }
        if byte == UInt8(ascii: "[") {
            index += 1
            var list: [String] = []
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .value(.strings(list))
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "{") { return scanParts() }
            while true {
                skipSpace()
                guard let text = scanString() else { return nil }
                list.append(text)
                guard let another = afterElement() else { return nil }
                if !another { return .value(.strings(list)) }
            }
        }
        guard let number = scanNumber() else { return nil }
        return .value(.number(number))
    }

    /// Skips a string, number, true, false or null; nested values go to the slow path.
    mutating func skipScalar() -> Bool {
        let byte = bytes[index]
        if byte == UInt8(ascii: "\"") { return scanString() != nil }
        if scanNull() { return true }
        for word in ["true", "false"] {
            let utf8 = Array(word.utf8)
            if index + utf8.count <= bytes.count,
                UnsafeRawBufferPointer(rebasing: bytes[index..<index + utf8.count]).elementsEqual(utf8)
            {
                index += utf8.count
                return true
            }
        }
        return scanNumber() != nil
    }
}
