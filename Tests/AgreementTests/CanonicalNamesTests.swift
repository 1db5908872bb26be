import Foundation
import Testing

@testable import Agreement

/// Names that Swift's `==` calls equal are one name: a label typed with a precomposed é and one with
/// e + combining accent, or a Kelvin sign and K. Two spellings used to become two labels with one
/// name, which made agreement wrong and trapped where a `Dictionary` is keyed by name.
@Suite struct CanonicalNamesTests {
    static let composed = "v\u{E9}lo"
    static let decomposed = "ve\u{301}lo"

    @Test func equalNamesGetOneIdAndKeepTheirFirstSpelling() {
        var interner = StringInterner()
        let first = interner.id(Self.decomposed)
        #expect(interner.id(Self.composed) == first)
        #expect(interner.id(Self.decomposed) == first)
        #expect(interner.names == [Self.decomposed])
        #expect(Array(interner.names[0].utf8) == Array(Self.decomposed.utf8))
        #expect(interner.id("velo") != first)

        // A name equal to plain ASCII is found whichever spelling comes first.
        for (a, b) in [("K", "\u{212A}"), ("\u{212A}", "K")] {
            var names = StringInterner()
            #expect(names.id(a) == names.id(b))
            #expect(names.count == 1)
        }
        // Copying from another interner lands on the same name too.
        var other = StringInterner()
        let copied = interner.id(of: other.id(Self.composed), in: other)
        #expect(copied == first && interner.count == 2)
    }

    @Test(arguments: [
        #"[{"start": 0, "end": 4, "label": "LABEL"}]"#, #"[{"x": 0, "y": 0, "w": 10, "h": 10, "label": "LABEL"}]"#,
        #""LABEL""#,
    ])
    func twoSpellingsOfALabelAgreeInEveryAnswerType(_ answer: String) throws {
        let lines = (0..<3).flatMap { item in
            [("a", Self.composed), ("b", Self.decomposed)].map { annotator, label in
                let value = answer.replacingOccurrences(of: "LABEL", with: label)
                return #"{"item": "i\#(item)", "annotator": "\#(annotator)", "label": \#(value)}"#
            }
        }
        let columns = try AnnotationFile.parseColumns(Data(lines.joined(separator: "\n").utf8))
        let report = AgreementReport(columns, options: AgreementOptions())
        #expect(report.labels.count == 1)
        if let spans = report.spanAgreement {
            #expect(spans.f1Exact == 1 && spans.perLabel.count == 1)
        } else if let boxes = report.boxAgreement {
            #expect(boxes.f1IoU50 == 1 && boxes.perLabel.count == 1)
        } else {
            #expect(report.percentAgreement == 1)
        }
        let consensus = aggregate(columns, method: .majority)
        #expect(consensus.labels.count == 3 && consensus.labels.allSatisfy { $0.confidence == 1 })
        #expect(String(decoding: report.jsonData(), as: UTF8.self).contains(Self.composed))
    }
}
