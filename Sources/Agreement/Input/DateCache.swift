import Foundation
import TextFormats

/// The last timestamp's date, hour and minute, so that the next one in the same minute costs a
/// comparison and two digits instead of a full ISO 8601 parse: files list annotations in time
/// order, many a minute. Only the plain `YYYY-MM-DDTHH:MM:SSZ` form is cached.
struct DateCache {
    /// Bytes 0..<16 and 16 of the cached timestamp, up to the colon before the seconds.
    private var prefix: (UInt64, UInt64, UInt8) = (0, 0, 0)
    /// The cached minute in seconds since 1970; NaN while nothing is cached.
    private var minuteStart = Double.nan

    /// The date of `bytes`, exactly as `ISO8601.parse` gives it.
    mutating func parse(_ bytes: UnsafeRawBufferPointer) -> Date? {
        guard bytes.count == 20, bytes[19] == UInt8(ascii: "Z") else { return ISO8601.parse(bytes) }
        let key = (
            bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self),
            bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self), bytes[16]
        )
        let tens = Int(bytes[17]) &- 48
        let ones = Int(bytes[18]) &- 48
        let digits = (0...9).contains(tens) && (0...9).contains(ones)
        if !minuteStart.isNaN, key == prefix, digits, tens * 10 + ones <= 60 {
            return Date(timeIntervalSince1970: minuteStart + Double(tens * 10 + ones))
        }
        guard let date = ISO8601.parse(bytes) else { return nil }
        // Whole seconds below 2^53 are exact doubles, so the minute plus the seconds is the very
        // value `ISO8601.parse` returns.
        if digits {
            prefix = key
            minuteStart = date.timeIntervalSince1970 - Double(tens * 10 + ones)
        }
        return date
    }
}
