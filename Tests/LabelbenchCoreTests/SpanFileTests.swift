import Agreement
import ArtifactStore
import Crypto
import Foundation
import Testing

@testable import LabelbenchCore

/// `spans.jsonl` and `labels.conll` line by line on text that trips code-unit and grapheme counting:
/// offsets are code points, tokens are `text.split()`, and a token overlapping a span is tagged with it.
@Suite struct SpanFileTests {
    static func conll(_ text: String, _ spans: [Span]) -> [String] {
        var out = ""
        CoNLLBlock.append(text: text, spans: spans, to: &out)
        #expect(out.hasSuffix("\n\n") || out == "\n", "an item ends with a blank line")
        return out.split(separator: "\n", omittingEmptySubsequences: false).dropLast(2).map(String.init)
    }

    @Test func emojiWithSurrogatePairsAndCombiningAccentsCountAsCodePoints() {
        // 👩‍💻 is three code points (five UTF-16 units); "Zu\u{308}rich" is seven code points, six characters.
        let text = "Meet 👩‍💻 Ana in Zu\u{308}rich 👋🏽!"
        let spans = [
            Span(start: 5, end: 8, label: "MISC"), Span(start: 9, end: 12, label: "PER"), Span(start: 16, end: 23, label: "LOC"),
        ]
        #expect(
            Self.conll(text, spans) == ["Meet O", "👩‍💻 B-MISC", "Ana B-PER", "in O", "Zu\u{308}rich B-LOC", "👋🏽! O"])
        #expect(
            SpanFileWriter.spacyRow(id: "e0", text: text, spans: [spans[0]])
                == #"{"id":"e0","text":"Meet 👩‍💻 Ana in Zu\#u{308}rich 👋🏽!","spans":[{"start":5,"end":8,"label":"MISC"}]}"# + "\n")
    }

    @Test func cjkWithoutSpacesIsOneTokenTaggedByItsFirstSpan() {
        // 東京都 (LOC) and 田中 (PER) both lie inside the one token: it takes the first, PER has no token.
        #expect(
            Self.conll("東京都に住む田中さん", [Span(start: 0, end: 3, label: "LOC"), Span(start: 6, end: 8, label: "PER")])
                == ["東京都に住む田中さん B-LOC"])
    }

    @Test func rightToLeftTextKeepsLogicalOrder() {
        #expect(
            Self.conll("مرحبا بكم في دبي", [Span(start: 13, end: 16, label: "LOC")])
                == ["مرحبا O", "بكم O", "في O", "دبي B-LOC"])
    }

    @Test func newlinesAndTabsSeparateTokensAndNeverEndTheItem() {
        let text = "Ann\tSmith\nworks at\r\nACME Corp"
        #expect(
            Self.conll(text, [Span(start: 0, end: 9, label: "PER"), Span(start: 20, end: 29, label: "ORG")])
                == ["Ann B-PER", "Smith I-PER", "works O", "at O", "ACME B-ORG", "Corp I-ORG"])
        // Python's str.isspace() also counts U+001C–U+001F and U+3000; U+200B (zero width space) is not whitespace.
        #expect(Self.conll("a\u{1C}b\u{3000}c\u{200B}d", []) == ["a O", "b O", "c\u{200B}d O"])
    }

    @Test func whitespaceIsExactlyWhatPythonsIsspaceSays() {
        // [hex(c) for c in range(0x110000) if chr(c).isspace()], Python 3.11.
        let python: [UInt32] = [
            0x9, 0xA, 0xB, 0xC, 0xD, 0x1C, 0x1D, 0x1E, 0x1F, 0x20, 0x85, 0xA0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003,
            0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000,
        ]
        let ours = (0...0x10FFFF as ClosedRange<UInt32>).filter { Unicode.Scalar($0).map(CoNLLBlock.isWhitespace) ?? false }
        #expect(ours == python)
    }

    @Test func theTokensSplitAtTheSameCodePointsAsTheWhitespaceRule() {
        // The CoNLL walk reads UTF-8 bytes: every 1-, 2- and 3-byte code point and a range of 4-byte ones
        // split "a?b" in two exactly when the rule calls it whitespace.
        let values = Array(0x01...0xFFFF) + Array(0x1F300...0x1F400)
        for value in values {
            guard let scalar = Unicode.Scalar(UInt32(value)) else { continue }
            let expected = CoNLLBlock.isWhitespace(scalar) ? ["a O", "b O"] : ["a\(scalar)b O"]
            if Self.conll("a\(scalar)b", []) != expected { Issue.record("U+\(String(value, radix: 16, uppercase: true))") }
        }
    }

    @Test func aSpanCuttingATokenTagsTheWholeToken() {
        let text = "unhappy New Yorkers love NewYork"
        let spans = [
            Span(start: 2, end: 7, label: "MISC"),  // "happy", inside "unhappy"
            Span(start: 8, end: 16, label: "LOC"),  // "New York", ending inside "Yorkers"
            Span(start: 25, end: 28, label: "PER"), Span(start: 28, end: 32, label: "LOC"),  // both inside "NewYork"
        ]
        #expect(Self.conll(text, spans) == ["unhappy B-MISC", "New B-LOC", "Yorkers I-LOC", "love O", "NewYork B-PER"])
    }

    @Test func touchingSpansOfOneClassStartTwoEntities() {
        #expect(
            Self.conll("Ann Bob met", [Span(start: 0, end: 3, label: "PER"), Span(start: 4, end: 7, label: "PER")])
                == ["Ann B-PER", "Bob B-PER", "met O"])
    }

    @Test func emptyAndBlankTextGiveAnItemWithoutTokens() {
        var out = ""
        CoNLLBlock.append(text: "", spans: [], to: &out)
        CoNLLBlock.append(text: " \n\t", spans: [Span(start: 0, end: 2, label: "PER")], to: &out)
        #expect(out == "\n\n")
        #expect(SpanFileWriter.spacyRow(id: "x", text: "", spans: []) == #"{"id":"x","text":"","spans":[]}"# + "\n")
    }

    @Test func spansAndCoNLLOfAnExportFollowLabelsJSONL() async throws {
        try await withTemporaryFolder { folder in
            let db = try AppDatabase.openFile(at: folder.appendingPathComponent("labelbench.sqlite"))
            let blobs = try BlobStore(root: folder.appendingPathComponent("blobs"))
            let definition = Fixture.definition(name: "ner", answer: .spans, labels: ["PER", "LOC", "ORG"], overlap: 3)
            let (task, _) = try await Fixture.task(db, definition, annotators: ["a", "b", "c"], items: 0)
            // Imported out of id order; "a10" sorts before "a9" byte by byte.
            let texts = ["b": "Ann in Rome", "a9": "nobody here", "a10": "Zu\u{308}rich 👋🏽 ACME", "c": ""]
            try await db.importItems(
                ["b", "a9", "c", "a10"].enumerated().map { offset, id in
                    ItemDraft(externalID: id, content: .text(texts[id]!), gold: nil, origin: .line(offset + 1, of: "i.jsonl"))
                }, into: task)
            func span(_ start: Int, _ end: Int, _ label: String) -> String {
                #"{"start": \#(start), "end": \#(end), "label": "\#(label)"}"#
            }
            var lines: [String] = []
            for annotator in ["a", "b", "c"] {
                lines.append(
                    #"{"item": "b", "annotator": "\#(annotator)", "label": [\#(span(0, 3, "PER")), \#(span(7, 11, "LOC"))]}"#)
                lines.append(
                    #"{"item": "a10", "annotator": "\#(annotator)", "label": [\#(span(0, 7, "LOC")), \#(span(10, 14, "ORG"))]}"#)
                lines.append(#"{"item": "c", "annotator": "\#(annotator)", "label": []}"#)
            }
            // a9: three different answers, so its consensus is [].
            lines += [
                #"{"item": "a9", "annotator": "a", "label": [\#(span(0, 6, "PER"))]}"#,
                #"{"item": "a9", "annotator": "b", "label": [\#(span(0, 6, "ORG"))]}"#,
                #"{"item": "a9", "annotator": "c", "label": []}"#,
            ]
            _ = try await db.importAnnotations(Fixture.jsonl(lines), fileName: "annotations.jsonl", into: task)

            let spacy = try db.exportDataset(
                task, options: ExportOptions(format: .spacy), by: nil, blobs: blobs, pseudonymKey: "k"
            ).version
            let conll = try db.exportDataset(
                task, options: ExportOptions(format: .conll), by: nil, blobs: blobs, pseudonymKey: "k"
            ).version
            let repository = db.artifacts(blobs: blobs)
            func bytes(_ version: ArtifactVersion, _ path: String) throws -> Data {
                try Data(contentsOf: try repository.file(try ArtifactReference(parsing: version.reference), path: path).1)
            }
            let labels = try bytes(spacy, "labels.jsonl")
            let ids = try labels.split(separator: 0x0A).map {
                try #require(try JSONSerialization.jsonObject(with: Data($0)) as? [String: Any])["id"] as? String
            }
            #expect(ids == ["a10", "a9", "b", "c"])
            let rows = String(decoding: try bytes(spacy, "spans.jsonl"), as: UTF8.self)
            #expect(
                rows == """
                    {"id":"a10","text":"Zu\u{308}rich 👋🏽 ACME","spans":[{"start":0,"end":7,"label":"LOC"},{"start":10,"end":14,"label":"ORG"}]}
                    {"id":"a9","text":"nobody here","spans":[]}
                    {"id":"b","text":"Ann in Rome","spans":[{"start":0,"end":3,"label":"PER"},{"start":7,"end":11,"label":"LOC"}]}
                    {"id":"c","text":"","spans":[]}

                    """)
            #expect(
                String(decoding: try bytes(conll, "labels.conll"), as: UTF8.self)
                    == "Zu\u{308}rich B-LOC\n👋🏽 O\nACME B-ORG\n\nnobody O\nhere O\n\nAnn B-PER\nin O\nRome B-LOC\n\n\n")
            #expect(try bytes(conll, "labels.jsonl") == labels, "labels.jsonl is the same whatever the format")

            // Both manifests list the extra file with its digests; neither lists spans.jsonl in the CoNLL version.
            for (version, path) in [(spacy, "spans.jsonl"), (conll, "labels.conll")] {
                let data = try bytes(version, path)
                let own = try #require(
                    try JSONSerialization.jsonObject(with: try bytes(version, "manifest.json")) as? [String: Any])
                let files = try #require(own["files"] as? [[String: Any]])
                let entry = try #require(files.first { $0["path"] as? String == path })
                #expect(entry["sha256"] as? String == SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined())
                #expect(entry["md5"] as? String == Insecure.MD5.hash(data: data).map { String(format: "%02x", $0) }.joined())
                #expect(entry["size"] as? Int == data.count)
                #expect(Set(files.compactMap { $0["path"] as? String }).isSuperset(of: ["labels.jsonl", "quality.json"]))
                #expect(
                    !files.contains {
                        ["spans.jsonl", "labels.conll"].contains($0["path"] as? String) && $0["path"] as? String != path
                    })
                let wandb = try #require(
                    try JSONSerialization.jsonObject(with: try bytes(version, "wandb_manifest.json")) as? [String: Any])
                let contents = try #require(wandb["contents"] as? [String: [String: Any]])
                #expect(contents[path]?["digest"] as? String == Data(Insecure.MD5.hash(data: data)).base64EncodedString())
                #expect(contents[path]?["size"] as? Int == data.count)
            }
            // The same state exported again is the same version: the extra file is byte-identical.
            let again = try db.exportDataset(
                task, options: ExportOptions(format: .conll), by: nil, blobs: blobs, pseudonymKey: "k")
            #expect(!again.isNew && again.version.number == conll.number)
        }
    }

    @Test func unlabeledItemsAddedOnRequestAppearWithoutSpans() async throws {
        try await withTemporaryFolder { folder in
            let db = try Fixture.database()
            let definition = Fixture.definition(name: "ner", answer: .spans, labels: ["PER", "LOC"], overlap: 1)
            let (task, _) = try await Fixture.task(db, definition, annotators: ["a"], items: 2)
            let line = #"{"item": "item-001", "annotator": "a", "label": [{"start": 0, "end": 4, "label": "PER"}]}"#
            _ = try await db.importAnnotations(Fixture.jsonl([line]), fileName: "annotations.jsonl", into: task)
            let blobs = try BlobStore(root: folder)
            func file(_ format: ExportOptions.Format, _ path: String, unlabeled: Bool) throws -> String {
                let draft = try DatasetExporter(database: db, blobs: blobs, pseudonymKey: "k")
                    .draft(of: task, options: ExportOptions(format: format, includeUnlabeled: unlabeled), by: nil)
                return String(
                    decoding: try blobs.read(try #require(draft.files.first { $0.path == path }).blob.sha256), as: UTF8.self)
            }
            #expect(
                try file(.spacy, "spans.jsonl", unlabeled: false)
                    == #"{"id":"item-001","text":"text of item-001","spans":[{"start":0,"end":4,"label":"PER"}]}"# + "\n")
            #expect(
                try file(.spacy, "spans.jsonl", unlabeled: true)
                    == #"{"id":"item-000","text":"text of item-000","spans":[]}"# + "\n"
                    + #"{"id":"item-001","text":"text of item-001","spans":[{"start":0,"end":4,"label":"PER"}]}"# + "\n")
            #expect(
                try file(.conll, "labels.conll", unlabeled: true)
                    == "text O\nof O\nitem-000 O\n\ntext B-PER\nof O\nitem-001 O\n\n")
        }
    }

    @Test func spanFormatsAreRefusedForOtherTasksNamingTheFormat() async throws {
        try await withTemporaryFolder { folder in
            let db = try Fixture.database()
            let (task, _) = try await Fixture.task(db, items: 1)
            let exporter = DatasetExporter(database: db, blobs: try BlobStore(root: folder), pseudonymKey: "k")
            for format in [ExportOptions.Format.spacy, .conll] {
                let error = await domainError {
                    _ = try exporter.draft(of: task, options: ExportOptions(format: format), by: nil)
                }
                #expect(
                    error?.description.hasPrefix("format: \(format.rawValue) writes entity spans") == true,
                    "\(String(describing: error))")
            }
        }
        let db = try Fixture.database()
        let spaced = try await db.createTask(
            TaskDefinition(
                name: "spaced", title: "Spaced", kind: .text, answer: .spans,
                labels: [TaskLabel(name: "PER"), TaskLabel(name: "Place name")]), by: nil)
        #expect(throws: Never.self) { try ExportOptions(format: .spacy).check(for: spaced) }
        #expect(throws: DomainError.self) { try ExportOptions(format: .conll).check(for: spaced) }
    }
}
