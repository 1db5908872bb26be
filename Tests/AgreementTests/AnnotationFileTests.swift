import Foundation
import Testing

@testable import Agreement

/// The JSONL reader: fast path, fallback, escapes, and errors that name the line.
@Suite struct AnnotationFileTests {
    func parse(_ text: String) throws -> [AnnotationRecord] { try AnnotationFile.parse(Data(text.utf8)) }

    @Test func readsEveryFieldAndSkipsBlankLines() throws {
        let records = try parse(
            """
            {"item": "a17", "annotator": "ann-3", "label": "pedestrian", "seconds": 4.25, "guideline_version": 2, "created_at": "2026-03-01T12:00:00Z"}

            {"label": 3, "annotator": "b", "item": "x", "seconds": null}
            {"item":"y","annotator":"c","label":["car","bus"],"extra":{"nested":[1,2]}}\r
            """)
        #expect(records.count == 3)
        #expect(records[0].label == .string("pedestrian"))
        #expect(records[0].seconds == 4.25)
        #expect(records[0].guidelineVersion == 2)
        #expect(records[0].createdAt == Date(timeIntervalSince1970: 1_772_366_400))
        #expect(records[1].label == .number(3))
        #expect(records[1].seconds == nil)
        #expect(records[2].label == .strings(["car", "bus"]))
    }

    @Test func decodesEscapesLikeFoundation() throws {
        let line = #"{"item": "\u00e9\ud83d\ude00\n\"\\\/", "annotator": "Zoë ✓", "label": "tab\there"}"#
        let records = try parse(line)
        let reference = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
        #expect(records[0].item == reference["item"] as? String)
        #expect(records[0].annotator == "Zoë ✓")
        #expect(records[0].label == .string("tab\there"))
    }

    @Test func numbersMatchStrtod() throws {
        for text in ["0", "-0.5", "4.2", "1e3", "2.5E-3", "123456789.123456789", "0.1", "9007199254740993"] {
            let records = try parse(#"{"item":"i","annotator":"a","label":\#(text)}"#)
            #expect(records[0].label == .number(strtod(text, nil)), "\(text)")
        }
    }

    @Test func offsetsAndFractionsInDates() throws {
        let records = try parse(
            #"{"item":"i","annotator":"a","label":"x","created_at":"2026-03-01T14:30:00.5+02:30"}"#)
        #expect(records[0].createdAt == Date(timeIntervalSince1970: 1_772_366_400 + 0.5))
    }

    @Test(arguments: [
        (#"{"item":"i","annotator":"a"}"#, "missing field \"label\""),
        (#"{"item":"i","label":"x"}"#, "missing field \"annotator\""),
        (#"{"item":5,"annotator":"a","label":"x"}"#, "field \"item\" must be a string"),
        (#"{"item":"i","annotator":"a","label":true}"#, "field \"label\""),
        (#"{"item":"i","annotator":"a","label":[1]}"#, "field \"label\""),
        (#"{"item":"i","annotator":"a","label":"x","seconds":"fast"}"#, "field \"seconds\""),
        (#"{"item":"i","annotator":"a","label":"x""#, "malformed JSON"),
        (#"["item"]"#, "expected a JSON object"),
    ])
    func errorsNameTheLine(_ line: String, _ message: String) {
        let text = #"{"item":"ok","annotator":"a","label":"x"}"# + "\n\n" + line + "\n"
        #expect {
            try parse(text)
        } throws: { error in
            guard let error = error as? AnnotationFileError else { return false }
            return error.line == 3 && error.message.contains(message)
        }
    }

    @Test func readsLargeFilesInChunksWithLineNumbers() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("annotations-\(UUID()).jsonl")
        defer { try? FileManager.default.removeItem(at: url) }
        var text = ""
        for index in 0..<60_000 {
            text +=
                #"{"item":"item-\#(index / 3)","annotator":"ann-\#(index % 7)","label":"c\#(index % 5)","seconds":1.5}"#
                + "\n"
        }
        try Data(text.utf8).write(to: url)
        let records = try AnnotationFile.read(url)
        #expect(records.count == 60_000)
        #expect(records.last?.item == "item-19999")
        try Data((text + "{oops}\n").utf8).write(to: url)
        #expect {
            try AnnotationFile.read(url)
        } throws: { ($0 as? AnnotationFileError)?.line == 60_001 }
    }
}
