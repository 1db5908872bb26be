import Foundation
import Testing

@testable import Agreement

/// Consensus spans in `aggregate`: a strict majority of identical spans, with confidences.
@Suite struct SpanConsensusTests {
    func aggregateFile(_ text: String, method: AggregationMethod = .majority) throws -> AggregationResult {
        aggregate(try AnnotationFile.parseColumns(Data(text.utf8)), method: method)
    }

    @Test func strictMajorityByHand() throws {
        let result = try aggregateFile(
            """
            {"item": "b", "annotator": "x", "label": [{"start": 0, "end": 4, "label": "PER"}, {"start": 6, "end": 9, "label": "ORG"}]}
            {"item": "b", "annotator": "y", "label": [{"start": 0, "end": 4, "label": "PER"}, {"start": 6, "end": 9, "label": "LOC"}]}
            {"item": "b", "annotator": "z", "label": [{"start": 0, "end": 4, "label": "PER"}, {"start": 6, "end": 8, "label": "ORG"}]}
            {"item": "a", "annotator": "x", "label": [{"start": 1, "end": 2, "label": "PER"}]}
            {"item": "a", "annotator": "y", "label": [{"start": 1, "end": 2, "label": "PER"}]}
            {"item": "a", "annotator": "z", "label": []}
            {"item": "a", "annotator": "w", "label": []}
            {"item": "c", "annotator": "x", "label": []}
            {"item": "c", "annotator": "y", "label": []}
            {"item": "c", "annotator": "z", "label": [{"start": 3, "end": 5, "label": "PER"}]}
            """)
        #expect(result.labels.map(\.item) == ["a", "b", "c"])
        // a: PER [1, 2) has 2 of 4 votes, not a strict majority: consensus [], confidence 2/4 answered [].
        #expect(result.labels[0].label == .spans([]))
        #expect(result.labels[0].confidence == 0.5)
        // b: PER [0, 4) 3 of 3; [6, 9) ORG, [6, 9) LOC and [6, 8) ORG one each: only PER.
        #expect(result.labels[1].label == .spans([Span(start: 0, end: 4, label: "PER", confidence: 1)]))
        #expect(result.labels[1].confidence == 1)
        // c: two of three answered []: the consensus is [] with confidence 2/3.
        #expect(result.labels[2].label == .spans([]))
        #expect(result.labels[2].confidence == 2.0 / 3)
        // Skill: mean exact F1 against the consensus. x: a 2·0/(0+1) = 0, b 2·1/(1+2) = 2/3, c both empty 1.
        let x = try #require(result.annotators.first { $0.annotator == "x" })
        let expectedSkill: Double = (0 + 2.0 / 3 + 1) / 3
        #expect(abs(try #require(x.skill) - expectedSkill) < 1e-12)
        #expect(result.method == "majority")
    }

    @Test func theRowConfidenceIsTheSmallestSpanShare() throws {
        let result = try aggregateFile(
            """
            {"item": "a", "annotator": "x", "label": [{"start": 0, "end": 2, "label": "A"}, {"start": 3, "end": 5, "label": "B"}]}
            {"item": "a", "annotator": "y", "label": [{"start": 0, "end": 2, "label": "A"}, {"start": 3, "end": 5, "label": "B"}]}
            {"item": "a", "annotator": "z", "label": [{"start": 0, "end": 2, "label": "A"}]}
            """)
        #expect(
            result.labels[0].label
                == .spans([
                    Span(start: 0, end: 2, label: "A", confidence: 1), Span(start: 3, end: 5, label: "B", confidence: 2.0 / 3),
                ]))
        #expect(result.labels[0].confidence == 2.0 / 3)
        let json = String(decoding: result.jsonData(), as: UTF8.self)
        #expect(json.contains(#"{"confidence":1,"end":2,"label":"A","start":0}"#))
    }

    @Test func dawidSkeneFallsBackToTheMajorityWithANote() throws {
        let result = try aggregateFile(
            #"{"item": "a", "annotator": "x", "label": [{"start": 0, "end": 2, "label": "A"}]}"#, method: .dawidSkene())
        #expect(result.method == "majority")
        #expect(result.notes.contains { $0.contains("not defined for spans") })
        #expect(result.labels[0].label == .spans([Span(start: 0, end: 2, label: "A", confidence: 1)]))
    }
}
