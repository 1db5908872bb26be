import Foundation
import Testing

@testable import TextFormats

/// The one timestamp rule: UTC, milliseconds rounded down, and a time read from its own text prints the same.
@Suite struct ISO8601Tests {
    static let bases: [Double] = [0, 951_782_400, 1_700_000_000, 1_764_938_123, 4_102_444_799, -86_400 * 365.25 * 30]

    @Test func agreesWithFoundationsFormatStyleAwayFromTheMillisecondEdges() {
        var generator = SystemRandomNumberGenerator()
        let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        for base in Self.bases {
            for _ in 0..<2000 {
                // Half a millisecond past a whole one: truncating and rounding-then-truncating agree.
                let seconds = base + Double(Int.random(in: -10_000_000...10_000_000, using: &generator)) / 1000 + 0.0005
                let date = Date(timeIntervalSince1970: seconds)
                #expect(ISO8601.string(date) == date.formatted(style), "\(seconds)")
            }
        }
    }

    @Test func roundsDownAndNeverIntoTheNextSecond() {
        #expect(ISO8601.string(Date(timeIntervalSince1970: 0.9996)) == "1970-01-01T00:00:00.999Z")
        #expect(ISO8601.string(Date(timeIntervalSince1970: 1_700_000_000)) == "2023-11-14T22:13:20.000Z")
        #expect(ISO8601.string(Date(timeIntervalSince1970: -0.0004)) == "1969-12-31T23:59:59.999Z")
        #expect(ISO8601.wholeSeconds(Date(timeIntervalSince1970: 1_700_000_000.9996)) == "2023-11-14T22:13:20Z")
    }

    @Test func everyMillisecondReadsBackAsTheSameText() throws {
        let foundation = ISO8601DateFormatter()
        foundation.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        for base in Self.bases {
            for millisecond in 0..<1000 {
                let text = ISO8601.string(Date(timeIntervalSince1970: base + Double(millisecond) / 1000))
                #expect(text.hasSuffix(String(format: ".%03dZ", millisecond)) || base < 0)
                let parsed = try #require(ISO8601.parse(Array(text.utf8)))
                #expect(ISO8601.string(parsed) == text)
                // Times written before this rule (by ISO8601DateFormatter) read back unchanged too.
                #expect(ISO8601.string(try #require(foundation.date(from: text))) == text)
            }
        }
    }
}
