import Foundation
import TextFormats

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
        JSONStringScanner.scan(bytes, at: &index)
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
            let value = Double(mantissa) / Self.powerOfTen(fractionDigits)
            return negative ? -value : value
        }
        var text = Array(UnsafeRawBufferPointer(rebasing: bytes[start..<cursor]))
        text.append(0)
        let value = text.withUnsafeBufferPointer { pointer in
            pointer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: text.count) { strtod($0, nil) }
        }
        return value.isFinite ? value : nil
    }

    /// 10 to the power `exponent` in 0...22, each an exact double. A switch rather than a static
    /// array: the array's lazy initialization was checked on every number read.
    @inline(__always) static func powerOfTen(_ exponent: Int) -> Double {
        switch exponent {
        case 0: 1
        case 1: 1e1
        case 2: 1e2
        case 3: 1e3
        case 4: 1e4
        case 5: 1e5
        case 6: 1e6
        case 7: 1e7
        case 8: 1e8
        case 9: 1e9
        case 10: 1e10
        case 11: 1e11
        case 12: 1e12
        case 13: 1e13
        case 14: 1e14
        case 15: 1e15
        case 16: 1e16
        case 17: 1e17
        case 18: 1e18
        case 19: 1e19
        case 20: 1e20
        case 21: 1e21
        default: 1e22
        }
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
