import Foundation
import Testing

@testable import Agreement

/// Box answers in annotation JSONL: both parser paths, the validation rules with the line and box
/// they name, and one kind of answer per file.
@Suite struct BoxInputTests {
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

    @Test func readsBoxesInTheOrderSentWithEmptyAnswersAmongThem() throws {
        let columns = try parse(
            """
            {"item": "a", "annotator": "x", "label": [{"x": 12.0, "y": 40.5, "w": 30.0, "h": 80.0, "label": "pedestrian"}, {"label": "car", "h": 2, "w": 3, "y": 1, "x": 0}]}
            {"item": "a", "annotator": "y", "label": []}
            {"item":"b","annotator":"x","label":[ { "x" : 1e1 , "y" : 2 , "w" : 3 , "h" : 4, "label" : "v\\u00e9lo", "confidence": 0.5 } ]}
            """)
        let records = Array(columns)
        #expect(
            records[0].label
                == .boxes([
                    Box(x: 12, y: 40.5, w: 30, h: 80, label: "pedestrian"), Box(x: 0, y: 1, w: 3, h: 2, label: "car"),
                ]))
        #expect(records[1].label == .boxes([]))
        #expect(records[2].label == .boxes([Box(x: 10, y: 2, w: 3, h: 4, label: "vélo")]))
    }

    @Test func theFastAndTheFoundationPathReadTheSameBoxes() throws {
        // The escaped key sends the second line to Foundation; the first stays on the byte scanner.
        let fast = try parse(#"{"item":"a","annotator":"x","label":[{"x":1.25,"y":2,"w":3,"h":4,"label":"car"}]}"#)
        let slow = try parse(#"{"item":"a","annotator":"x","label":[{"\u0078":1.25,"y":2,"w":3,"h":4,"label":"car"}]}"#)
        #expect(Array(fast) == Array(slow))
        #expect(Array(fast)[0].label == .boxes([Box(x: 1.25, y: 2, w: 3, h: 4, label: "car")]))
    }

    @Test func invalidBoxesAreRefusedNamingTheLineAndTheBox() {
        let cases: [(String, [String])] = [
            (
                #"[{"x": 0, "y": 0, "w": 0, "h": 5, "label": "car"}]"#,
                ["box 1 (x 0, y 0, w 0, h 5, label \"car\")", "w must be greater than 0"]
            ),
            (
                #"[{"x": 0, "y": 0, "w": 1, "h": 1, "label": "car"}, {"x": 0, "y": 0, "w": 1, "h": -2, "label": "car"}]"#,
                ["box 2", "h must be greater than 0"]
            ),
            (#"[{"x": 0, "y": 0, "w": 1, "h": 1, "label": ""}]"#, ["box 1", "label must not be empty"]),
            (#"[{"x": 0, "y": 0, "w": 1, "label": "car"}]"#, ["box 1 has no \"h\""]),
            (#"[{"x": "0", "y": 0, "w": 1, "h": 1, "label": "car"}]"#, ["box 1: \"x\" must be a number of pixels"]),
            (#"[{"x": 0, "y": 0, "w": 1, "h": 1, "label": 7}]"#, ["box 1: \"label\" must be a string"]),
            (#"[{"x": 0, "y": 0, "w": 1, "h": 1, "label": "car"}, "car"]"#, ["box 2 is not an object"]),
        ]
        for (label, words) in cases {
            let error = refusal(
                """
                {"item": "a", "annotator": "x", "label": [{"x": 0, "y": 0, "w": 1, "h": 1, "label": "car"}]}
                {"item": "a", "annotator": "y", "label": \(label)}
                """)
            #expect(error?.line == 2, "\(label)")
            for word in words { #expect(error?.message.contains(word) == true, "\(label): \(String(describing: error))") }
        }
    }

    @Test func refusesAFileMixingBoxesWithSpansOrOtherAnswers() {
        let boxesAfterSpans = refusal(
            """
            {"item": "a", "annotator": "x", "label": [{"start": 0, "end": 1, "label": "PER"}]}
            {"item": "a", "annotator": "y", "label": [{"x": 0, "y": 0, "w": 1, "h": 1, "label": "car"}]}
            """)
        #expect(boxesAfterSpans?.line == 2)
        #expect(
            boxesAfterSpans?.message
                == "label is a list of boxes, but line 1 has spans; a file holds one kind of answer")
        let labelAfterBoxes = refusal(
            """
            {"item": "a", "annotator": "x", "label": []}
            {"item": "a", "annotator": "y", "label": [{"x": 0, "y": 0, "w": 1, "h": 1, "label": "car"}]}
            {"item": "a", "annotator": "z", "label": "car"}
            """)
        #expect(labelAfterBoxes?.line == 3)
        #expect(
            labelAfterBoxes?.message
                == "label \"car\" is not a list of boxes, but line 2 has boxes; a file holds one kind of answer")
        let spansAndBoxesInOneList = refusal(
            #"{"item": "a", "annotator": "x", "label": [{"x": 0, "y": 0, "w": 1, "h": 1, "label": "car"}, {"start": 0, "end": 1, "label": "car"}]}"#
        )
        #expect(spansAndBoxesInOneList?.message.contains("box 2 has no \"x\"") == true)
    }

    @Test func boxesSurviveTheTwoCoreChunkedRead() throws {
        // Over 1 MB the reader parses two halves at once and merges them; boxes must keep their records and labels.
        var text = ""
        for item in 0..<20_000 {
            for annotator in 0..<2 {
                let label =
                    item % 7 == 0 && annotator == 1
                    ? "[]" : #"[{"x":\#(item % 5),"y":1.5,"w":3,"h":4,"label":"L\#((item + annotator) % 3)"}]"#
                text += #"{"item":"i\#(item)","annotator":"a\#(annotator)","label":\#(label)}"# + "\n"
            }
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("boxes-\(UUID()).jsonl")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let chunked = try AnnotationFile.readColumns(url)
        let whole = try parse(text)
        #expect(text.utf8.count > 1 << 20)
        #expect(Array(chunked) == Array(whole))
        #expect(Array(chunked)[39_997].label == .boxes([Box(x: 3, y: 1.5, w: 3, h: 4, label: "L1")]))
        #expect(Array(chunked)[1].label == .boxes([]))
    }

    @Test func labelValueRoundTripsThroughCodable() throws {
        let value = LabelValue.boxes([Box(x: 0, y: 2, w: 3.5, h: 4, label: "car")])
        let data = try JSONEncoder().encode(value)
        #expect(try JSONDecoder().decode(LabelValue.self, from: data) == value)
        #expect(
            String(decoding: JSONWriter.labelBytes(value), as: UTF8.self) == #"[{"h":4,"label":"car","w":3.5,"x":0,"y":2}]"#)
    }
}

/// The box writer's fast path for coordinates against the general number writer.
@Suite struct BoxCoordinateWriterTests {
    @Test func coordinatesAreWrittenAsTheGeneralWriterWritesThem() {
        var generator = SeededGenerator(seed: 21)
        var values: [Double] = [0.5, -0.5, 0.05, -0.05, 12, 12.5, 20.55, 1e12 - 0.5, 0.1 + 0.2, .pi, 1e-7, -0.0]
        for _ in 0..<200_000 {
            let whole = Double(generator.next() % 5000) - 1000
            switch generator.next() % 4 {
            case 0: values.append(whole + Double(generator.next() % 10) / 10)
            case 1: values.append(whole + Double(generator.next() % 100) / 100)
            case 2: values.append((whole + Double(generator.next() % 10) / 10 + whole + Double(generator.next() % 10) / 10) / 2)
            default: values.append(whole + generator.unit())
            }
        }
        for value in values {
            var fast = JSONWriter(capacity: 32)
            fast.coordinate(value)
            var general = JSONWriter(capacity: 32)
            general.number(value)
            #expect(fast.bytes == general.bytes, "\(value)")
        }
    }
}
