import Foundation
import Testing

@testable import Agreement

/// Span answers in annotation JSONL: both parser paths, the validation rules with the line and span
/// they name, one kind of answer per file, and offsets that count code points.
@Suite struct SpanInputTests {
    func parse(_ text: String) throws -> AnnotationColumns { try AnnotationFile.parseColumns(Data(text.utf8)) }

    /// The error a line gets, or nil when the text parses.
    func refusal(_ text: String) -> AnnotationFileError? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error as? AnnotationFileError
        }
    }

    @Test func readsSpansSortedByStartWithEmptyAnswersAmongThem() throws {
        let columns = try parse(
            """
            {"item": "a", "annotator": "x", "label": [{"start": 7, "end": 9, "label": "ORG"}, {"label": "PER", "end": 5, "start": 0}]}
            {"item": "a", "annotator": "y", "label": []}
            {"item":"b","annotator":"x","label":[ { "start" : 1 , "end" : 2.0 , "label" : "P\\u00c9R" , "text": "ok" } ]}
            """)
        let records = Array(columns)
        #expect(
            records[0].label
                == .spans([Span(start: 0, end: 5, label: "PER"), Span(start: 7, end: 9, label: "ORG")]))
        #expect(records[1].label == .spans([]))
        #expect(records[2].label == .spans([Span(start: 1, end: 2, label: "PÉR")]))
    }

    @Test func fastAndFoundationPathsAgree() throws {
        // An escaped key sends a line to the Foundation path; the spans must come out the same.
        let fast = try parse(
            #"{"item":"a","annotator":"x","label":[{"start":3,"end":4,"label":"L"},{"start":0,"end":2,"label":"K"}]}"#)
        let slow = try parse(
            #"{"item":"a","annotator":"x","label":[{"st\u0061rt":3,"end":4,"label":"L"},{"start":0,"end":2,"label":"K"}]}"#)
        #expect(Array(fast) == Array(slow))
        #expect(Array(fast)[0].label == .spans([Span(start: 0, end: 2, label: "K"), Span(start: 3, end: 4, label: "L")]))
    }

    @Test func refusesBadSpansNamingTheLineAndTheSpan() {
        let cases: [(label: String, words: [String])] = [
            (#"[{"start": 4, "end": 4, "label": "PER"}]"#, ["span 1", "end must be greater than start"]),
            (#"[{"start": 5, "end": 2, "label": "PER"}]"#, ["span 1", "end must be greater than start"]),
            (#"[{"start": -1, "end": 2, "label": "PER"}]"#, ["span 1", "start must be 0 or more"]),
            (#"[{"start": 0, "end": 2, "label": ""}]"#, ["span 1", "label must not be empty"]),
            (#"[{"start": 0, "end": 2.5, "label": "PER"}]"#, ["span 1", "\"end\" must be a whole number"]),
            (#"[{"start": 0, "label": "PER"}]"#, ["span 1 has no \"end\""]),
            (#"[{"start": 0, "end": 2}]"#, ["span 1 has no \"label\""]),
            (#"[{"start": 0, "end": 2, "label": 7}]"#, ["span 1", "\"label\" must be a string"]),
            (#"[{"start": 0, "end": 2, "label": "A"}, "B"]"#, ["span 2 is neither"]),
            (
                #"[{"start": 0, "end": 5, "label": "PER"}, {"start": 9, "end": 12, "label": "ORG"}, {"start": 4, "end": 6, "label": "LOC"}]"#,
                ["span 3 (start 4, end 6, label \"LOC\") overlaps span 1 (start 0, end 5, label \"PER\")"]
            ),
        ]
        for (label, words) in cases {
            let error = refusal(
                """
                {"item": "a", "annotator": "x", "label": [{"start": 0, "end": 1, "label": "PER"}]}
                {"item": "a", "annotator": "y", "label": \(label)}
                """)
            #expect(error?.line == 2, "\(label)")
            for word in words { #expect(error?.message.contains(word) == true, "\(label): \(String(describing: error))") }
        }
    }

    @Test func touchingSpansAreNotAnOverlap() throws {
        let columns = try parse(
            #"{"item":"a","annotator":"x","label":[{"start":0,"end":3,"label":"A"},{"start":3,"end":4,"label":"A"}]}"#)
        #expect(columns.spans.values(of: 0).count == 2)
    }

    @Test func refusesAFileMixingSpansWithOtherAnswers() {
        let spansLater = refusal(
            """
            {"item": "a", "annotator": "x", "label": "PER"}
            {"item": "a", "annotator": "y", "label": []}
            {"item": "a", "annotator": "z", "label": [{"start": 0, "end": 1, "label": "PER"}]}
            """)
        #expect(spansLater?.line == 3)
        #expect(spansLater?.message.contains("line 1 has label \"PER\"") == true)
        let otherLater = refusal(
            """
            {"item": "a", "annotator": "x", "label": [{"start": 0, "end": 1, "label": "PER"}]}

            {"item": "a", "annotator": "y", "label": ["PER"]}
            """)
        #expect(otherLater?.line == 3)
        #expect(otherLater?.message.contains("is not a list of spans, but line 1 has spans") == true)
    }

    @Test func aFileOfOnlyEmptyListsStaysMultipleChoice() throws {
        let columns = try parse(#"{"item":"a","annotator":"x","label":[]}"#)
        #expect(columns.spans.isEmpty)
        #expect(Array(columns)[0].label == .strings([]))
    }

    @Test func spansSurviveTheTwoCoreChunkedRead() throws {
        // Over 1 MB the reader parses two halves at once and merges them; spans must keep their records.
        var text = ""
        for item in 0..<20_000 {
            for annotator in 0..<2 {
                let label =
                    item % 7 == 0 && annotator == 1
                    ? "[]" : #"[{"start":\#(item % 5),"end":\#(item % 5 + 3),"label":"L\#(item % 3)"}]"#
                text += #"{"item":"i\#(item)","annotator":"a\#(annotator)","label":\#(label)}"# + "\n"
            }
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("spans-\(UUID()).jsonl")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let chunked = try AnnotationFile.readColumns(url)
        let whole = try parse(text)
        #expect(text.utf8.count > 1 << 20)
        #expect(Array(chunked) == Array(whole))
        #expect(Array(chunked)[39_997].label == .spans([Span(start: 3, end: 6, label: "L0")]))
        #expect(Array(chunked)[1].label == .spans([]))
    }

    @Test func labelValueRoundTripsThroughCodable() throws {
        let value = LabelValue.spans([Span(start: 0, end: 2, label: "PER"), Span(start: 4, end: 5, label: "ORG")])
        let data = try JSONEncoder().encode(value)
        #expect(try JSONDecoder().decode(LabelValue.self, from: data) == value)
        #expect(String(decoding: JSONWriter.labelBytes(value), as: UTF8.self).contains(#"{"end":2,"label":"PER","start":0}"#))
    }

    /// Offsets count code points, as Python slices a `str`: the text length a later check passes is
    /// `text.unicodeScalars.count`, not graphemes or UTF-16 units.
    @Test func textLengthCountsCodePoints() throws {
        let texts: [(text: String, codePoints: Int)] = [
            ("👩‍👩‍👧 ok", 8),  // a ZWJ family: 5 code points, 1 grapheme
            ("Cafe\u{301}", 5),  // e + combining acute
            ("東京タワー", 5),
            ("שלום עולם", 9),
            ("a\r\nb", 4),
            ("😀", 1),  // outside the BMP: 2 UTF-16 units, 1 code point
        ]
        for (text, codePoints) in texts {
            let length = text.unicodeScalars.count
            #expect(length == codePoints, "\(text)")
            let whole = [Span(start: 0, end: length, label: "X")]
            #expect(try Span.validated(whole, textLength: length) == whole)
            #expect(throws: SpanListError.self) {
                try Span.validated([Span(start: 0, end: length + 1, label: "X")], textLength: length)
            }
        }
        // The family emoji's last code point is a span of its own: no grapheme rule.
        #expect(try Span.validated([Span(start: 4, end: 5, label: "X")], textLength: 8).count == 1)
    }

    @Test func unknownLabelsAreRefusedWhenTheTaskIsKnown() {
        #expect {
            try Span.validated([Span(start: 0, end: 1, label: "PER"), Span(start: 2, end: 3, label: "DOG")], labels: ["PER"])
        } throws: { error in
            (error as? SpanListError)?.message.contains("span 2 (start 2, end 3, label \"DOG\")") == true
        }
    }
}
