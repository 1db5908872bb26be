import Foundation
import Testing

@testable import Agreement

/// `gold_accuracy` of a span report (the quality page's, `quality.json`'s): an answer is correct when its
/// exact F1 against the gold list is at least 0.999, with its Wilson interval; without gold it is null.
@Suite struct SpanGoldReportTests {
    static let answers = """
        {"item": "g1", "annotator": "a", "label": [{"start": 7, "end": 11, "label": "LOC"}, {"start": 0, "end": 3, "label": "PER"}]}
        {"item": "g1", "annotator": "b", "label": [{"start": 0, "end": 3, "label": "PER"}]}
        {"item": "g2", "annotator": "a", "label": []}
        {"item": "g2", "annotator": "b", "label": []}
        {"item": "n3", "annotator": "a", "label": [{"start": 0, "end": 3, "label": "PER"}]}
        """

    @Test func goldAnswersAreScoredByExactF1() throws {
        let columns = try AnnotationFile.parseColumns(Data(Self.answers.utf8))
        let gold: [String: LabelValue] = [
            "g1": .spans([Span(start: 0, end: 3, label: "PER"), Span(start: 7, end: 11, label: "LOC")]),
            // A gold [] read back from storage is an empty set of labels.
            "g2": .strings([]),
        ]
        let report = AgreementReport(columns, options: AgreementOptions(gold: gold))
        let byName = Dictionary(uniqueKeysWithValues: report.annotators.map { ($0.annotator, $0) })
        // a: g1 right (another order), g2 right; n3 is not gold. b: g1 F1 2/3, wrong; g2 right.
        #expect(byName["a"]?.goldAccuracy == 1)
        #expect(byName["b"]?.goldAccuracy == 0.5)
        #expect(byName["b"]?.goldAccuracyCI95?.count == 2)
        #expect(!report.notes.contains { $0.hasPrefix("gold_accuracy is null") })

        let without = AgreementReport(columns, options: AgreementOptions())
        #expect(without.annotators.allSatisfy { $0.goldAccuracy == nil })
        #expect(without.notes.contains("gold_accuracy is null: no gold answers were given"))
    }
}
