import Foundation
import Testing

@testable import Agreement

/// `agreement` on a file never pairs an annotator with themself: a repeated (item, annotator) pair
/// is refused with both line numbers.
@Suite struct RepeatedPairTests {
    func file(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pairs-\(UUID()).jsonl")
        try Data(text.utf8).write(to: url)
        return url
    }

    @Test func conflictingRepeatIsRefusedNamingBothLines() throws {
        let url = try file(
            """
            {"item": "a", "annotator": "ann-1", "label": "cat"}

            {"item": "a", "annotator": "ann-2", "label": "cat"}
            {"item": "b", "annotator": "ann-1", "label": "dog"}
            {"item": "a", "annotator": "ann-1", "label": "dog"}

            """)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect {
            try AnnotationFile.readForAgreement(url)
        } throws: { error in
            guard let error = error as? AnnotationFileError else { return false }
            return error.line == 5 && error.message.contains("\"ann-1\"") && error.message.contains("item \"a\"")
                && error.message.contains("on line 1")
        }
    }

    @Test func identicalRepeatIsRefusedToo() throws {
        let line = #"{"item": "a", "annotator": "ann-1", "label": "cat"}"#
        let url = try file([line, #"{"item": "a", "annotator": "ann-2", "label": "cat"}"#, line].joined(separator: "\n"))
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: AnnotationFileError.self) { try AnnotationFile.readForAgreement(url) }
    }

    @Test func theFirstRepeatInFileOrderIsNamed() throws {
        var lines: [String] = []
        for item in 0..<50 {
            for annotator in 0..<3 { lines.append(#"{"item": "i\#(item)", "annotator": "a\#(annotator)", "label": "x"}"#) }
        }
        lines.append(#"{"item": "i40", "annotator": "a2", "label": "y"}"#)  // line 151
        lines.append(#"{"item": "i3", "annotator": "a0", "label": "y"}"#)  // line 152
        let url = try file(lines.joined(separator: "\n") + "\n")
        defer { try? FileManager.default.removeItem(at: url) }
        #expect {
            try AnnotationFile.readForAgreement(url)
        } throws: { ($0 as? AnnotationFileError)?.line == 151 && "\($0)".contains("on line 123") }
    }

    @Test func aFileWithoutRepeatsReadsAsReadColumnsDoes() throws {
        let url = try file(
            """
            {"item": "a", "annotator": "ann-1", "label": "cat"}
            {"item": "a", "annotator": "ann-2", "label": "dog"}
            {"item": "b", "annotator": "ann-1", "label": "dog"}
            """)
        defer { try? FileManager.default.removeItem(at: url) }
        let columns = try AnnotationFile.readForAgreement(url)
        #expect(Array(columns) == Array(try AnnotationFile.readColumns(url)))
        #expect(AgreementReport(columns, options: AgreementOptions()).annotations == 3)
    }
}
