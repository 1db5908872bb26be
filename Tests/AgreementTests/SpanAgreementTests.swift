import Foundation
import Testing

@testable import Agreement

/// `span_agreement` on examples worked by hand, and `char_alpha` against the `krippendorff` package.
@Suite struct SpanAgreementTests {
    func report(_ text: String, labels: [String]? = nil) throws -> AgreementReport {
        AgreementReport(try AnnotationFile.parseColumns(Data(text.utf8)), options: AgreementOptions(labels: labels))
    }

    /// t1: a and b mark PER [0, 4), c marks PER [0, 3); t2: a marks LOC [2, 5), b ORG [2, 5).
    static let twoItems = """
        {"item": "t1", "annotator": "a", "label": [{"start": 0, "end": 4, "label": "PER"}]}
        {"item": "t1", "annotator": "b", "label": [{"start": 0, "end": 4, "label": "PER"}]}
        {"item": "t1", "annotator": "c", "label": [{"start": 0, "end": 3, "label": "PER"}]}
        {"item": "t2", "annotator": "a", "label": [{"start": 2, "end": 5, "label": "LOC"}]}
        {"item": "t2", "annotator": "b", "label": [{"start": 2, "end": 5, "label": "ORG"}]}
        """

    @Test func twoItemsByHand() throws {
        let report = try report(Self.twoItems)
        let spans = try #require(report.spanAgreement)
        // Pairs: t1 has 3, t2 has 1. Exact F1: t1 (a, b) = 2·1/2 = 1, (a, c) = (b, c) = 0; t2 (a, b) = 0.
        #expect(spans.pairs == 4)
        #expect(spans.f1Exact == 0.25)
        // Overlap: every t1 pair shares characters of PER, so each is 1; t2's labels differ: 0.
        #expect(spans.f1Overlap == 0.75)
        // Per label, pairs where either side has the label: PER in t1's 3 pairs (1, 0, 0), LOC and ORG in t2's pair (0).
        #expect(
            spans.perLabel == [
                SpanLabelAgreement(label: "LOC", f1Exact: 0, n: 1), SpanLabelAgreement(label: "ORG", f1Exact: 0, n: 1),
                SpanLabelAgreement(label: "PER", f1Exact: 1.0 / 3, n: 3),
            ])
        // char_alpha. Units: t1 characters 0–2 {PER, PER, PER} (3 units), t1 character 3 {PER, PER, O},
        // t2 characters 2–4 {LOC, ORG} (3 units). Coincidences: PER–PER 3·3 + 1 = 10, PER–O = O–PER = 1,
        // LOC–ORG = ORG–LOC = 3; n = 18 with n_PER = 11, n_O = 1, n_LOC = n_ORG = 3.
        // D_o = 8/18, D_e = (18² − 11² − 1 − 9 − 9)/(18·17) = 184/306; alpha = 1 − D_o/D_e = 6/23.
        // The krippendorff package (0.9.0) gives 0.26086956521739135 on the same matrix.
        #expect(abs(try #require(spans.charAlpha) - 6.0 / 23) < 1e-12)
        let third: Double? = 1.0 / 3
        #expect(report.perItem.map(\.item) == ["t1", "t2"])
        #expect(report.perItem.map(\.agreement) == [third, 0])
        #expect(report.perItem[0].labels == ["PER": 3])
        #expect(report.labels == ["LOC", "ORG", "PER"])
        // Each annotator's mean exact F1 over their pairs: a (1, 0, 0), b (1, 0, 0), c (0, 0).
        #expect(report.annotators.map(\.agreementWithPeers) == [third, third, 0])
    }

    @Test func theTaskLabelOrderComesFirst() throws {
        let report = try report(Self.twoItems, labels: ["PER", "ORG"])
        #expect(report.labels == ["PER", "ORG", "LOC"])
        #expect(report.spanAgreement?.perLabel.map(\.label) == ["PER", "ORG", "LOC"])
    }

    /// Largest overlap first would match A [0, 10) with B [5, 11) (5 characters against 3) and leave
    /// A [10, 12) alone; the maximum matching pairs [0, 10)–[0, 3) and [10, 12)–[5, 11).
    @Test func overlapMatchingIsMaximumNotGreedy() throws {
        let report = try report(
            """
            {"item": "g", "annotator": "a", "label": [{"start": 0, "end": 10, "label": "L"}, {"start": 10, "end": 12, "label": "L"}]}
            {"item": "g", "annotator": "b", "label": [{"start": 0, "end": 3, "label": "L"}, {"start": 5, "end": 11, "label": "L"}]}
            """)
        #expect(report.spanAgreement?.f1Overlap == 1)
        #expect(report.spanAgreement?.f1Exact == 0)
    }

    @Test func overlapNeedsTheSameLabelAndASharedCharacter() throws {
        let report = try report(
            """
            {"item": "g", "annotator": "a", "label": [{"start": 0, "end": 3, "label": "L"}, {"start": 5, "end": 8, "label": "K"}]}
            {"item": "g", "annotator": "b", "label": [{"start": 3, "end": 5, "label": "L"}, {"start": 6, "end": 7, "label": "L"}]}
            """)
        // [0, 3) and [3, 5) only touch; [5, 8) and [6, 7) share characters but not a label: no match, F1 0.
        #expect(report.spanAgreement?.f1Overlap == 0)
    }

    @Test func twoEmptyAnswersAgreeCompletely() throws {
        let report = try report(
            """
            {"item": "e", "annotator": "a", "label": []}
            {"item": "e", "annotator": "b", "label": []}
            {"item": "f", "annotator": "a", "label": [{"start": 0, "end": 2, "label": "L"}]}
            {"item": "f", "annotator": "b", "label": []}
            """)
        let spans = try #require(report.spanAgreement)
        // e: both empty, F1 1; f: 2·0/(1 + 0) = 0.
        #expect(spans.f1Exact == 0.5)
        #expect(spans.f1Overlap == 0.5)
        // Units: f's characters 0 and 1, {L, O} each: every pairable value disagrees; alpha = 1 − 1/(expected/observed).
        // D_o = 4/4 = 1, D_e = (4² − 2² − 2²)/(4·3) = 8/12; alpha = 1 − 1.5 = −0.5 (the package agrees).
        #expect(spans.charAlpha == -0.5)
        #expect(spans.perLabel == [SpanLabelAgreement(label: "L", f1Exact: 0, n: 1)])
    }

    @Test func undefinedFiguresAreNullWithAReason() throws {
        let report = try report(
            """
            {"item": "e", "annotator": "a", "label": [{"start": 0, "end": 2, "label": "L"}]}
            {"item": "f", "annotator": "a", "label": []}
            """)
        let spans = try #require(report.spanAgreement)
        #expect(spans.pairs == 0)
        #expect(spans.f1Exact == nil)
        #expect(spans.charAlpha == nil)
        #expect(spans.perLabel == [SpanLabelAgreement(label: "L", f1Exact: nil, n: 0)])
        #expect(report.notes.contains { $0.hasPrefix("char_alpha is null") })
        #expect(report.perItem.isEmpty)
    }

    /// 12 items with 2–4 annotators each, made by `bench/spans/generate.py --items 12 --annotators 4
    /// --spans-per-answer 2 --seed 5 --text 30 --vary-annotators`.
    static let generated = """
        {"item":"item-0000000","annotator":"ann-4","label":[{"start":25,"end":30,"label":"DATE"}]}
        {"item":"item-0000000","annotator":"ann-1","label":[{"start":25,"end":30,"label":"DATE"}]}
        {"item":"item-0000001","annotator":"ann-2","label":[{"start":18,"end":22,"label":"PER"}]}
        {"item":"item-0000001","annotator":"ann-4","label":[{"start":18,"end":23,"label":"PER"}]}
        {"item":"item-0000001","annotator":"ann-3","label":[]}
        {"item":"item-0000001","annotator":"ann-1","label":[{"start":18,"end":22,"label":"ORG"}]}
        {"item":"item-0000002","annotator":"ann-3","label":[{"start":6,"end":9,"label":"ORG"},{"start":10,"end":19,"label":"ORG"}]}
        {"item":"item-0000002","annotator":"ann-1","label":[{"start":6,"end":9,"label":"ORG"},{"start":10,"end":19,"label":"ORG"}]}
        {"item":"item-0000002","annotator":"ann-2","label":[{"start":6,"end":9,"label":"ORG"},{"start":10,"end":19,"label":"ORG"}]}
        {"item":"item-0000003","annotator":"ann-3","label":[]}
        {"item":"item-0000003","annotator":"ann-2","label":[{"start":1,"end":7,"label":"ORG"},{"start":15,"end":16,"label":"LOC"}]}
        {"item":"item-0000004","annotator":"ann-3","label":[{"start":3,"end":8,"label":"MISC"}]}
        {"item":"item-0000004","annotator":"ann-4","label":[]}
        {"item":"item-0000004","annotator":"ann-2","label":[{"start":3,"end":8,"label":"MISC"}]}
        {"item":"item-0000005","annotator":"ann-1","label":[{"start":11,"end":14,"label":"LOC"}]}
        {"item":"item-0000005","annotator":"ann-2","label":[{"start":11,"end":14,"label":"LOC"}]}
        {"item":"item-0000005","annotator":"ann-3","label":[{"start":11,"end":15,"label":"LOC"},{"start":23,"end":28,"label":"LOC"}]}
        {"item":"item-0000006","annotator":"ann-2","label":[{"start":4,"end":13,"label":"LOC"},{"start":13,"end":15,"label":"PER"}]}
        {"item":"item-0000006","annotator":"ann-3","label":[{"start":4,"end":12,"label":"LOC"},{"start":13,"end":14,"label":"PER"}]}
        {"item":"item-0000007","annotator":"ann-3","label":[{"start":14,"end":23,"label":"LOC"}]}
        {"item":"item-0000007","annotator":"ann-2","label":[{"start":14,"end":22,"label":"MISC"}]}
        {"item":"item-0000007","annotator":"ann-4","label":[{"start":14,"end":22,"label":"LOC"}]}
        {"item":"item-0000008","annotator":"ann-1","label":[{"start":2,"end":8,"label":"DATE"}]}
        {"item":"item-0000008","annotator":"ann-2","label":[{"start":2,"end":8,"label":"DATE"}]}
        {"item":"item-0000008","annotator":"ann-3","label":[{"start":2,"end":8,"label":"DATE"}]}
        {"item":"item-0000008","annotator":"ann-4","label":[{"start":2,"end":8,"label":"DATE"}]}
        {"item":"item-0000009","annotator":"ann-3","label":[{"start":9,"end":18,"label":"MISC"},{"start":26,"end":30,"label":"LOC"}]}
        {"item":"item-0000009","annotator":"ann-4","label":[{"start":9,"end":18,"label":"LOC"},{"start":26,"end":30,"label":"LOC"}]}
        {"item":"item-0000009","annotator":"ann-2","label":[{"start":9,"end":18,"label":"LOC"},{"start":26,"end":30,"label":"LOC"}]}
        {"item":"item-0000009","annotator":"ann-1","label":[{"start":9,"end":18,"label":"LOC"},{"start":26,"end":30,"label":"LOC"}]}
        {"item":"item-0000010","annotator":"ann-1","label":[{"start":24,"end":30,"label":"ORG"}]}
        {"item":"item-0000010","annotator":"ann-4","label":[]}
        {"item":"item-0000010","annotator":"ann-3","label":[{"start":4,"end":5,"label":"LOC"},{"start":24,"end":30,"label":"LOC"}]}
        {"item":"item-0000010","annotator":"ann-2","label":[{"start":24,"end":30,"label":"LOC"}]}
        {"item":"item-0000011","annotator":"ann-3","label":[{"start":11,"end":15,"label":"ORG"}]}
        {"item":"item-0000011","annotator":"ann-1","label":[{"start":11,"end":15,"label":"ORG"}]}
        {"item":"item-0000011","annotator":"ann-2","label":[{"start":11,"end":15,"label":"ORG"}]}
        {"item":"item-0000011","annotator":"ann-4","label":[{"start":11,"end":15,"label":"ORG"}]}
        """

    /// Expected values from `bench/spans/reference.py` on the same lines: its F1 is a separate plain
    /// Python implementation, and its char_alpha is `krippendorff.alpha` (nominal) of the package
    /// krippendorff 0.9.0 (numpy 2.4.6) on the annotators × (item, character) matrix.
    @Test func generatedFileMatchesThePythonReference() throws {
        let spans = try #require(try report(Self.generated).spanAgreement)
        #expect(spans.pairs == 45)
        #expect(abs(try #require(spans.f1Exact) - 0.5148148148148148) < 1e-12)
        #expect(abs(try #require(spans.f1Overlap) - 0.6111111111111112) < 1e-12)
        #expect(abs(try #require(spans.charAlpha) - 0.4932362978495951) < 1e-12)
        let expected: [(String, Double, Int)] = [
            ("DATE", 1.0, 7), ("LOC", 0.3508771929824562, 19), ("MISC", 0.125, 8), ("ORG", 0.5625, 16), ("PER", 0.0, 6),
        ]
        #expect(spans.perLabel.count == expected.count)
        for (row, (label, f1, n)) in zip(spans.perLabel, expected) {
            #expect(row.label == label)
            #expect(row.n == n)
            #expect(abs(try #require(row.f1Exact) - f1) < 1e-12, "\(label)")
        }
    }

    @Test func jsonCarriesSpanAgreementWithTheContractKeys() throws {
        let json = try JSONSerialization.jsonObject(with: try report(Self.twoItems).jsonData()) as! [String: Any]
        let spans = try #require(json["span_agreement"] as? [String: Any])
        #expect(Set(spans.keys) == ["pairs", "f1_exact", "f1_overlap", "char_alpha", "per_label"])
        let row = try #require((spans["per_label"] as? [[String: Any]])?.first)
        #expect(Set(row.keys) == ["label", "f1_exact", "n"])
        // The streamed form and Codable say the same.
        var streamed: [UInt8] = []
        try report(Self.twoItems).writeJSON { streamed += $0 }
        #expect(Data(streamed) == (try report(Self.twoItems).jsonData()))
        let decoded = try JSONDecoder().decode(AgreementReport.self, from: try report(Self.twoItems).jsonData())
        #expect(decoded.spanAgreement == (try report(Self.twoItems).spanAgreement))
    }

    @Test func otherReportsHaveNoSpanKey() throws {
        let report = try report(#"{"item": "a", "annotator": "x", "label": "cat"}"#)
        #expect(report.spanAgreement == nil)
        #expect(!String(decoding: report.jsonData(), as: UTF8.self).contains("span_agreement"))
    }
}
