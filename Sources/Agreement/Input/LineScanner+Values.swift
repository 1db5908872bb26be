import Foundation

extension LineScanner {
    /// Reads a JSON string as its bytes in the line when it is plain ASCII without escapes, so a
    /// name already seen needs no `String`; anything else is decoded by `scanString`. Nil if invalid.
    mutating func scanText() -> ScannedText? {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
        let start = index + 1
        var cursor = start
        while cursor < bytes.count {
            let byte = bytes[cursor]
            if byte == UInt8(ascii: "\"") {
                index = cursor + 1
                return .bytes(UnsafeRawBufferPointer(rebasing: bytes[start..<cursor]))
            }
            if byte == UInt8(ascii: "\\") || byte >= 0x80 || byte < 0x20 { break }
            cursor += 1
        }
        return scanString().map { .text($0) }
    }

    /// Reads a JSON string with every escape, including `\uXXXX` surrogate pairs; nil if invalid.
    mutating func scanString() -> String? {
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
                index = cursor + 1
                return String(validating: buffer, as: UTF8.self)
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
            case UInt8(ascii: "u"):
                guard var scalar = hex4(at: cursor) else { return nil }
                cursor += 4
                if (0xD800..<0xDC00).contains(scalar) {
                    // A high surrogate must be followed by an escaped low surrogate.
                    guard cursor + 6 <= bytes.count, bytes[cursor] == UInt8(ascii: "\\"),
                        bytes[cursor + 1] == UInt8(ascii: "u"), let low = hex4(at: cursor + 2),
                        (0xDC00..<0xE000).contains(low)
                    else { return nil }
                    cursor += 6
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00..<0xE000).contains(scalar) {
                    return nil
                }
                guard let unicode = Unicode.Scalar(scalar) else { return nil }
                buffer.append(contentsOf: UTF8.encode(unicode)!)
            default:
                return nil
            }
        }
        return nil
    }

    private func hex4(at position: Int) -> UInt32? {
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

    /// Reads a JSON number; exact for short decimals, `strtod` for everything else.
    mutating func scanNumber() -> Double? {
        let start = index
        var cursor = index
        var negative = false
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "-") {
            negative = true
            cursor += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        let integerStart = cursor
        while cursor < bytes.count, bytes[cursor] &- UInt8(ascii: "0") < 10 {
            mantissa = mantissa &* 10 &+ UInt64(bytes[cursor] - UInt8(ascii: "0"))
            digits += 1
            cursor += 1
        }
        let integerDigits = cursor - integerStart
        guard integerDigits > 0 else { return nil }
        // JSON forbids leading zeros such as 012.
        if integerDigits > 1, bytes[integerStart] == UInt8(ascii: "0") { return nil }
        var fractionDigits = 0
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: ".") {
            cursor += 1
            while cursor < bytes.count, bytes[cursor] &- UInt8(ascii: "0") < 10 {
                mantissa = mantissa &* 10 &+ UInt64(bytes[cursor] - UInt8(ascii: "0"))
                digits += 1
                fractionDigits += 1
                cursor += 1
            }
            guard fractionDigits > 0 else { return nil }
        }
        var hasExponent = false
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "e") || bytes[cursor] == UInt8(ascii: "E") {
            hasExponent = true
            cursor += 1
            if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "+") || bytes[cursor] == UInt8(ascii: "-") {
                cursor += 1
            }
            let exponentStart = cursor
            while cursor < bytes.count, bytes[cursor] &- UInt8(ascii: "0") < 10 { cursor += 1 }
            guard cursor > exponentStart else { return nil }
        }
        index = cursor
        // Clinger's fast path: both operands are exact doubles, so one division rounds correctly.
        if !hasExponent, digits <= 15, fractionDigits <= 22 {
            let value = Double(mantissa) / Self.powersOfTen[fractionDigits]
            return negative ? -value : value
        }
        var text = Array(UnsafeRawBufferPointer(rebasing: bytes[start..<cursor]))
        text.append(0)
        let value = text.withUnsafeBufferPointer { pointer in
            pointer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: text.count) { strtod($0, nil) }
        }
        return value.isFinite ? value : nil
    }

    static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// Reads a quoted ISO 8601 timestamp.
    mutating func scanDate() -> Date? {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
        let start = index + 1
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\") { end += 1 }
        guard end < bytes.count, bytes[end] == UInt8(ascii: "\"") else { return nil }
        guard let date = dates.parse(UnsafeRawBufferPointer(rebasing: bytes[start..<end])) else { return nil }
        index = end + 1
        return date
    }
}
