import Foundation
import Testing

@testable import Agreement

/// Properties span agreement must keep on generated answers: symmetry, perfect agreement, invariance
/// under reordering, and an overlap matching as large as brute force finds.
@Suite struct SpanPropertyTests {
    static let labels = ["PER", "ORG", "LOC"]

    /// A flat, sorted span list in a text of `length` code points.
    static func spanList(_ generator: inout SeededGenerator, length: Int = 40, most: Int = 6) -> [Span] {
        var spans: [Span] = []
        var position = Int(generator.next() % 4)
        for _ in 0..<Int(generator.next() % UInt64(most + 1)) {
            let end = position + 1 + Int(generator.next() % 6)
            guard end <= length else { break }
            spans.append(Span(start: position, end: end, label: labels[Int(generator.next() % 3)]))
            position = end + Int(generator.next() % 4)
        }
        return spans
    }

    /// 40 items with 2–4 annotators each; answers start from a shared list and drift from it.
    static func sample(seed: UInt64) -> [AnnotationRecord] {
        var generator = SeededGenerator(seed: seed)
        var records: [AnnotationRecord] = []
        for item in 0..<40 {
            let truth = spanList(&generator)
            for annotator in 0..<(2 + Int(generator.next() % 3)) {
                let own = generator.unit() < 0.6 ? truth : spanList(&generator)
                records.append(AnnotationRecord(item: "item-\(item)", annotator: "ann-\(annotator)", label: .spans(own)))
            }
        }
        return records
    }

    static func figures(_ records: [AnnotationRecord]) -> SpanAgreement {
        AgreementReport(records).spanAgreement!
    }

    static func close(_ a: SpanAgreement, _ b: SpanAgreement) -> Bool {
        func near(_ x: Double?, _ y: Double?) -> Bool {
            switch (x, y) {
            case (nil, nil): true
            case (let x?, let y?): abs(x - y) < 1e-12
            default: false
            }
        }
        return a.pairs == b.pairs && near(a.f1Exact, b.f1Exact) && near(a.f1Overlap, b.f1Overlap)
            && near(a.charAlpha, b.charAlpha) && a.perLabel.count == b.perLabel.count
            && zip(a.perLabel, b.perLabel).allSatisfy { $0.label == $1.label && $0.n == $1.n && near($0.f1Exact, $1.f1Exact) }
    }

    /// Two annotators' answers to one item as columns.
    static func pair(_ a: [Span], _ b: [Span]) -> AnnotationColumns {
        AnnotationColumns([
            AnnotationRecord(item: "i", annotator: "a", label: .spans(a)),
            AnnotationRecord(item: "i", annotator: "b", label: .spans(b)),
        ])
    }

    @Test func pairF1IsSymmetric() {
        var generator = SeededGenerator(seed: 3)
        for _ in 0..<300 {
            let a = Self.spanList(&generator)
            let b = Self.spanList(&generator)
            let forward = AgreementReport(Self.pair(a, b)).spanAgreement!
            let backward = AgreementReport(Self.pair(b, a)).spanAgreement!
            #expect(Self.close(forward, backward), "\(a) \(b)")
        }
    }

    @Test func identicalListsGiveOne() {
        var generator = SeededGenerator(seed: 4)
        for _ in 0..<100 {
            let list = Self.spanList(&generator)
            let figures = AgreementReport(Self.pair(list, list)).spanAgreement!
            #expect(figures.f1Exact == 1)
            #expect(figures.f1Overlap == 1)
            #expect(figures.perLabel.allSatisfy { $0.f1Exact == 1 })
        }
        // Everyone agreeing on every item: alpha is 1 once more than one label is in use.
        let records = Self.sample(seed: 8).map { record in
            var copy = record
            copy.label = .spans(
                Self.spanList(&generator, most: 0) + [Span(start: 0, end: 3, label: record.item.hasSuffix("1") ? "A" : "B")])
            return copy
        }
        #expect(Self.figures(records).charAlpha == 1)
    }

    @Test func permutingAnnotatorsOrItemsChangesNothing() {
        for seed in [1, 2, 3] as [UInt64] {
            let records = Self.sample(seed: seed)
            let base = Self.figures(records)
            var generator = SeededGenerator(seed: seed + 100)
            #expect(Self.close(base, Self.figures(records.shuffled(using: &generator))))
            // Renaming annotators per item (a different permutation on every item) and items.
            let renamed = records.map { record in
                var copy = record
                let number = Int(record.annotator.dropFirst(4))!
                let item = Int(record.item.dropFirst(5))!
                copy.annotator = "who-\((number + item) % 4)"
                copy.item = "x-\(997 * item % 1009)"
                return copy
            }
            #expect(Self.close(base, Self.figures(renamed.shuffled(using: &generator))))
        }
    }

    @Test func overlapMatchingIsAsLargeAsBruteForce() {
        var generator = SeededGenerator(seed: 5)
        var matching = OverlapMatching()
        for _ in 0..<500 {
            // Few labels and long spans make dense overlap graphs, where greedy choices go wrong.
            let a = Self.spanList(&generator, length: 24, most: 5).map { Span(start: $0.start, end: $0.end, label: "L") }
            let b = Self.spanList(&generator, length: 24, most: 5).map { Span(start: $0.start, end: $0.end, label: "L") }
            let columns = Self.pair(a, b)
            let found = matching.count(columns.spans.spans(of: 0), columns.spans.spans(of: 1), in: columns.spans)
            let reverse = matching.count(columns.spans.spans(of: 1), columns.spans.spans(of: 0), in: columns.spans)
            let best = Self.bruteForce(a, b[...])
            #expect(found == best, "\(a) \(b)")
            #expect(reverse == best)
        }
    }

    /// A chain of 2,000 overlapping spans a side: each left span's first candidate is taken by the one
    /// before, so augmenting paths run the whole chain back. The search keeps its own stack, so the
    /// depth is not bounded by the worker thread's stack the report computes it on.
    @Test func aLongChainOfOverlapsIsMatchedCompletely() {
        let count = 2_000
        let left = (0..<count).map { Span(start: 2 * $0, end: 2 * $0 + 2, label: "L") }
        let right = (0..<count).map { Span(start: 2 * $0 + 1, end: 2 * $0 + 3, label: "L") }
        #expect(AgreementReport(Self.pair(left, right)).spanAgreement?.f1Overlap == 1)
    }

    /// The largest matching by trying every choice for the first left span.
    static func bruteForce(_ left: [Span], _ right: ArraySlice<Span>, used: Set<Int> = []) -> Int {
        guard let first = left.first else { return 0 }
        var best = bruteForce(Array(left.dropFirst()), right, used: used)
        for index in right.indices where !used.contains(index) {
            let other = right[index]
            if other.label == first.label, other.start < first.end, first.start < other.end {
                best = max(best, 1 + bruteForce(Array(left.dropFirst()), right, used: used.union([index])))
            }
        }
        return best
    }
}
