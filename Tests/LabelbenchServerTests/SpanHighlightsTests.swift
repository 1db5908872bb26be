import Agreement
import Testing

@testable import LabelbenchServer

/// Marked text cut by code points, and excerpts that show every annotator the same window.
@Suite struct SpanHighlightsTests {
    /// The runs as "text" or "[text|label]", to compare at a glance.
    static func runs(_ highlights: SpanHighlights) -> [String] {
        highlights.segments.map { $0.isSpan ? "[\($0.text)|\($0.label)]" : $0.text }
    }

    @Test func marksAreCutByCodePoints() {
        // "e" + combining acute and a three-code-point emoji: one character each on screen.
        let text = "Jose\u{301} 👩‍🔬 in Rome"
        let emoji = 6..<9
        let highlights = SpanHighlights(
            text: text,
            spans: [
                Span(start: 0, end: 5, label: "PER"), Span(start: emoji.lowerBound, end: emoji.upperBound, label: "MISC"),
                Span(start: 13, end: 17, label: "LOC"),
            ],
            classes: ["PER", "LOC"])
        #expect(Self.runs(highlights) == ["[Jose\u{301}|PER]", " ", "[👩‍🔬|MISC]", " in ", "[Rome|LOC]"])
        // Colours follow the task's class order; a class not in it takes the first.
        #expect(highlights.segments.filter(\.isSpan).map(\.colour) == ["span-c0", "span-c0", "span-c1"])
        #expect(!highlights.clippedStart && !highlights.clippedEnd)
    }

    @Test func excerptsShareOneWindowAroundEveryAnswer() {
        let text = String(repeating: "a", count: 200) + "Ann met Bob" + String(repeating: "z", count: 200)
        let ann = Span(start: 200, end: 203, label: "PER")
        let bob = Span(start: 208, end: 211, label: "PER")
        let first = SpanHighlights.excerpt(text: text, spans: [ann], around: [ann, bob], classes: ["PER"], context: 10)
        let second = SpanHighlights.excerpt(text: text, spans: [bob], around: [ann, bob], classes: ["PER"], context: 10)
        #expect(Self.runs(first) == ["aaaaaaaaaa", "[Ann|PER]", " met Bob", "zzzzzzzzzz"].joinedRuns)
        #expect(Self.runs(second) == ["aaaaaaaaaa", "Ann met ", "[Bob|PER]", "zzzzzzzzzz"].joinedRuns)
        #expect(first.clippedStart && first.clippedEnd)
        // No spans at all: the start of the text, up to the limit.
        let empty = SpanHighlights.excerpt(text: text, spans: [], around: [], classes: [], context: 10, limit: 50)
        #expect(Self.runs(empty) == [String(repeating: "a", count: 20)])
        #expect(!empty.clippedStart && empty.clippedEnd)
    }
}

extension [String] {
    /// Adjacent plain runs as the highlighter builds them: one run between marks.
    fileprivate var joinedRuns: [String] {
        reduce(into: []) { runs, run in
            if let last = runs.last, !last.hasPrefix("["), !run.hasPrefix("[") {
                runs[runs.count - 1] = last + run
            } else {
                runs.append(run)
            }
        }
    }
}
