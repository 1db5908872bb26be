import Foundation
import Testing

@testable import TextFormats

/// The one JSON string and number rule: the `String` and byte forms agree, and both escape
/// U+2028/U+2029, where the report writer once left them raw while the export escaped them.
@Suite struct JSONTextTests {
    func bytes(_ text: String) -> String {
        var out: [UInt8] = []
        JSONText.appendString(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    @Test func lineAndParagraphSeparatorsAreEscapedInBothForms() {
        let label = "left\u{2028}right\u{2029}end"
        #expect(JSONText.string(label) == #""left\u2028right\u2029end""#)
        #expect(bytes(label) == JSONText.string(label))
    }

    @Test func bothFormsAgreeOnEveryEscape() throws {
        let samples = [
            "plain", "", "quote \" back \\ slash /", "tab\tnew\nret\r", "\u{0}\u{1}\u{1f}\u{7f}", "é ü 中 🙂", "\u{2028}",
        ]
        for sample in samples {
            #expect(bytes(sample) == JSONText.string(sample), "\(sample.debugDescription)")
            let decoded = try JSONSerialization.jsonObject(with: Data(JSONText.string(sample).utf8), options: .fragmentsAllowed)
            #expect(decoded as? String == sample)
        }
    }

    @Test func numbersAreWholeWithoutAFractionAndNullWhenNotFinite() {
        let cases: [(Double, String)] = [
            (0, "0"), (-0.0, "0"), (42, "42"), (-7, "-7"), (999_999_999_999_999, "999999999999999"), (1e15, "1000000000000000.0"),
            (0.5, "0.5"), (1.0 / 3.0, "0.3333333333333333"), (.nan, "null"), (.infinity, "null"),
        ]
        for (value, text) in cases {
            #expect(JSONText.number(value) == text, "\(value)")
            var out: [UInt8] = []
            JSONText.appendNumber(value, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == text)
        }
    }
}
