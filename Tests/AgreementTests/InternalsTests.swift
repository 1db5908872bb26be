import Foundation
import Testing
import TextFormats

@testable import Agreement

/// The fast building blocks agree with the slow obvious versions.
@Suite struct InternalsTests {
    @Test func radixSortMatchesAStableSort() {
        var generator = SeededGenerator(seed: 5)
        let keys =
            (0..<5000).map { _ in (generator.unit() - 0.5) * pow(10, Double(generator.next() % 12)) }
            + [0, -0.0, 1, 1, 1, -1, .greatestFiniteMagnitude, -.greatestFiniteMagnitude]
        let indices = Array(keys.indices)
        let expected = indices.sorted { (keys[$0], $0) < (keys[$1], $1) }
        #expect(RadixSort.order(indices, by: keys).map { keys[$0] } == expected.map { keys[$0] })
        // Equal keys keep their input order.
        let ties = RadixSort.order(indices, by: keys).filter { keys[$0] == 1 }
        #expect(ties == ties.sorted())
    }

    @Test func internerGivesDenseStableIds() {
        var interner = StringInterner()
        var reference: [String: Int32] = [:]
        for index in 0..<20_000 {
            let name = index % 3 == 0 ? "é-\(index % 7001)" : "item-\(index % 9001)"
            let id = interner.id(name)
            if let known = reference[name] { #expect(id == known) } else { reference[name] = id }
        }
        #expect(interner.names.count == reference.count)
        for (name, id) in reference { #expect(interner.names[Int(id)] == name) }
    }

    @Test func dateCacheAgreesWithTheFullParse() {
        var cache = DateCache()
        let texts = [
            "2026-03-01T12:00:05Z", "2026-03-01T12:00:59Z", "2026-03-01T12:00:60Z", "2026-03-01T12:00:61Z",
            "2026-03-01T12:00:0xZ", "2026-03-01T12:01:00Z", "2026-03-01T12:01:00.5Z", "2026-03-01T12:01:07+02:00",
            "2026-03-01T12:01:09Z", "1969-12-31T23:59:58Z", "1969-12-31T23:59:59Z", "2026-13-01T12:01:09Z",
            "2026-13-01T12:01:10Z", "2026-03-01T24:00:00Z", "2026-03-01", "2026-03-01T12:01:09Z",
        ]
        for text in texts {
            let bytes = Array(text.utf8)
            let cached = bytes.withUnsafeBytes { cache.parse($0) }
            #expect(cached == ISO8601.parse(bytes), "\(text)")
        }
    }

    @Test func isoDatesRoundTrip() {
        for seconds in [0.0, 951_782_400, 1_772_366_400, 4_102_444_799, -86_400] {
            let text = ISO8601.wholeSeconds(Date(timeIntervalSince1970: seconds))
            #expect(ISO8601.parse(Array(text.utf8)) == Date(timeIntervalSince1970: seconds), "\(text)")
        }
        #expect(ISO8601.wholeSeconds(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00Z")
    }
}
