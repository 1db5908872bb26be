import Foundation

/// ISO 8601 timestamps: how Labelbench writes times in JSON, pages, reports and artifact manifests,
/// and how it reads them back and from annotation files.
///
/// The one rule for writing: UTC, with milliseconds or whole seconds, always rounded down, so a time
/// never shows a later millisecond (or second) than the moment it names. A `Date` is a binary
/// fraction, so the text `…20.001Z` reads back as a hair below .001 s: the millisecond form first
/// rounds to the microsecond, and a time read from its own text prints the same text again.
///
/// Both directions are by hand: `ISO8601DateFormatter` takes microseconds a call (a second per
/// million lines), and it rounds to the nearest millisecond where `Date.ISO8601FormatStyle` truncates.
public enum ISO8601 {
    /// UTC with milliseconds (`2026-03-01T12:00:00.123Z`, rounded down): JSON, pages and manifests.
    public static func string(_ date: Date) -> String {
        let milliseconds = floorDivision(Int64((date.timeIntervalSince1970 * 1_000_000).rounded()), 1000)
        let fraction = Int(milliseconds - floorDivision(milliseconds, 1000) * 1000)
        return civil(floorDivision(milliseconds, 1000)) + "." + pad(fraction, 3) + "Z"
    }

    /// The date of an ISO 8601 timestamp given as UTF-8 bytes; nil when it is not one (a zone is required).
    public static func parse(_ text: [UInt8]) -> Date? {
        text.withUnsafeBytes { parse($0) }
    }

    /// The date of an ISO 8601 timestamp in raw bytes; nil when it is not one.
    public static func parse(_ bytes: UnsafeRawBufferPointer) -> Date? {
        @inline(__always) func number(_ from: Int, _ length: Int) -> Int? {
            guard from + length <= bytes.count else { return nil }
            var value = 0
            for position in from..<from + length {
                let digit = Int(bytes[position]) - 48
                guard (0...9).contains(digit) else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard bytes.count >= 10, let year = number(0, 4), bytes[4] == 0x2D, let month = number(5, 2),
            bytes[7] == 0x2D, let day = number(8, 2), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var seconds = Double(daysFromCivil(year, month, day)) * 86_400
        if bytes.count == 10 { return Date(timeIntervalSince1970: seconds) }
        guard bytes.count >= 19, bytes[10] == 0x54 || bytes[10] == 0x74 || bytes[10] == 0x20,
            let hour = number(11, 2), bytes[13] == 0x3A, let minute = number(14, 2), bytes[16] == 0x3A,
            let second = number(17, 2), hour < 24, minute < 60, second <= 60
        else { return nil }
        seconds += Double(hour * 3600 + minute * 60 + second)
        var cursor = 19
        if cursor < bytes.count, bytes[cursor] == 0x2E {
            cursor += 1
            var scale = 0.1
            let fractionStart = cursor
            while cursor < bytes.count, let digit = number(cursor, 1) {
                seconds += Double(digit) * scale
                scale /= 10
                cursor += 1
            }
            guard cursor > fractionStart else { return nil }
        }
        guard cursor < bytes.count else { return nil }  // a zone is required
        if bytes[cursor] == 0x5A || bytes[cursor] == 0x7A {
            cursor += 1
        } else if bytes[cursor] == 0x2B || bytes[cursor] == 0x2D {
            let sign = bytes[cursor] == 0x2B ? -1.0 : 1.0
            guard let offsetHour = number(cursor + 1, 2) else { return nil }
            var offsetMinute = 0
            if cursor + 3 < bytes.count, bytes[cursor + 3] == 0x3A {
                guard let value = number(cursor + 4, 2) else { return nil }
                offsetMinute = value
                cursor += 6
            } else if let value = number(cursor + 3, 2) {
                offsetMinute = value
                cursor += 5
            } else {
                cursor += 3
            }
            seconds += sign * Double(offsetHour * 3600 + offsetMinute * 60)
        } else {
            return nil
        }
        guard cursor == bytes.count else { return nil }
        return Date(timeIntervalSince1970: seconds)
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's algorithm).
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// UTC in whole seconds (`2026-03-01T12:00:00Z`, rounded down): reports.
    public static func wholeSeconds(_ date: Date) -> String {
        civil(Int64(date.timeIntervalSince1970.rounded(.down))) + "Z"
    }

    /// `YYYY-MM-DDTHH:MM:SS` of a count of seconds since 1970 (Howard Hinnant's civil-from-days).
    static func civil(_ total: Int64) -> String {
        let days = Int(floorDivision(total, 86_400))
        let rest = Int(total - Int64(days) * 86_400)
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return
            "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(rest / 3600, 2)):\(pad(rest / 60 % 60, 2)):\(pad(rest % 60, 2))"
    }

    private static func floorDivision(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return value % divisor < 0 ? quotient - 1 : quotient
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
