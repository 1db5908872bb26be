/// Reads a JSON string literal from raw bytes: the one decoder of escapes that the fast line
/// parsers (annotation JSONL in Agreement, item JSONL in LabelbenchCore) share.
public enum JSONStringScanner {
    /// Reads the literal whose opening quote is at `bytes[index]` and moves `index` past its closing
    /// quote; nil (and `index` unchanged) for anything that is not a valid literal: a raw control
    /// character, an unknown escape, a lone surrogate, invalid UTF-8. With `unicodeEscapes` false a
    /// `\uXXXX` escape is refused too, for callers that leave those to a general parser.
    public static func scan(_ bytes: UnsafeRawBufferPointer, at index: inout Int, unicodeEscapes: Bool = true) -> String? {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
        let start = index + 1
        var cursor = start
        var high: UInt8 = 0
        while cursor < bytes.count {
            let byte = bytes[cursor]
            if byte == UInt8(ascii: "\"") {
                index = cursor + 1
                let slice = UnsafeRawBufferPointer(rebasing: bytes[start..<cursor])
                // ASCII needs no validation; the generic validating initializer is slow.
                if high < 0x80 { return String(decoding: slice.assumingMemoryBound(to: UInt8.self), as: UTF8.self) }
                return String(validating: slice, as: UTF8.self)
            }
            high |= byte
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { return nil }
            cursor += 1
        }
        guard cursor < bytes.count else { return nil }
        // Rare path: decode escapes into a buffer.
        var buffer = Array(UnsafeRawBufferPointer(rebasing: bytes[start..<cursor]))
        while cursor < bytes.count {
            let byte = bytes[cursor]
            if byte == UInt8(ascii: "\"") {
                guard let text = String(validating: buffer, as: UTF8.self) else { return nil }
                index = cursor + 1
                return text
            }
            if byte < 0x20 { return nil }
            if byte != UInt8(ascii: "\\") {
                buffer.append(byte)
                cursor += 1
                continue
            }
            cursor += 1
            guard cursor < bytes.count else { return nil }
            let escape = bytes[cursor]
            cursor += 1
            switch escape {
            case UInt8(ascii: "\""): buffer.append(0x22)
            case UInt8(ascii: "\\"): buffer.append(0x5C)
            case UInt8(ascii: "/"): buffer.append(0x2F)
            case UInt8(ascii: "b"): buffer.append(0x08)
            case UInt8(ascii: "f"): buffer.append(0x0C)
            case UInt8(ascii: "n"): buffer.append(0x0A)
            case UInt8(ascii: "r"): buffer.append(0x0D)
            case UInt8(ascii: "t"): buffer.append(0x09)
            case UInt8(ascii: "u") where unicodeEscapes:
                guard let scalar = unicodeEscape(bytes, at: &cursor) else { return nil }
                buffer.append(contentsOf: UTF8.encode(scalar)!)
            default:
                return nil
            }
        }
        return nil
    }

    /// The scalar of the `XXXX` after `\u` at `cursor` (with its low surrogate when it is a high
    /// one), moving `cursor` past it; nil for a lone or reversed surrogate.
    private static func unicodeEscape(_ bytes: UnsafeRawBufferPointer, at cursor: inout Int) -> Unicode.Scalar? {
        guard var scalar = hex4(bytes, at: cursor) else { return nil }
        cursor += 4
        if (0xD800..<0xDC00).contains(scalar) {
            // A high surrogate must be followed by an escaped low surrogate.
            guard cursor + 6 <= bytes.count, bytes[cursor] == UInt8(ascii: "\\"), bytes[cursor + 1] == UInt8(ascii: "u"),
                let low = hex4(bytes, at: cursor + 2), (0xDC00..<0xE000).contains(low)
            else { return nil }
            cursor += 6
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00..<0xE000).contains(scalar) {
            return nil
        }
        return Unicode.Scalar(scalar)
    }

    private static func hex4(_ bytes: UnsafeRawBufferPointer, at position: Int) -> UInt32? {
        guard position + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for offset in 0..<4 {
            let byte = bytes[position + offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }
}
