import Foundation

/// UTC ISO 8601 timestamps with milliseconds: sortable as text and identical on every platform.
enum Timestamp {
    /// Formats a date as `2024-05-01T12:00:00.000Z`.
    static func format(_ date: Date) -> String {
        formatter().string(from: date)
    }

    /// Parses what `format` writes; unknown text becomes the epoch rather than failing a read.
    static func parse(_ text: String) -> Date {
        formatter().date(from: text) ?? Date(timeIntervalSince1970: 0)
    }

    // ISO8601DateFormatter is not Sendable, so each call makes its own.
    private static func formatter() -> ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter
    }
}
