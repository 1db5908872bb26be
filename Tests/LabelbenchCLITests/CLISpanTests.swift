import Foundation
import LabelbenchTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A span task from the command line against a real server: the task file, items in several
/// scripts, span annotations imported, and `agreement` / `aggregate` for the task agreeing with
/// the same commands run offline on the file.
@Suite(.serialized) struct CLISpanTests {
    // "Zoé" is written with a combining accent, so code points and characters differ.
    static let text = "Zoe\u{301} met 李明 👩‍⚕️ in תל אביב"

    static let lines = [
        #"{"item": "n0", "annotator": "ann", "label": [{"start": 20, "end": 27, "label": "LOC"}, {"start": 0, "end": 4, "label": "PER"}, {"start": 9, "end": 11, "label": "PER"}]}"#,
        #"{"item": "n0", "annotator": "bo", "label": [{"start": 0, "end": 4, "label": "PER"}, {"start": 20, "end": 27, "label": "LOC"}]}"#,
        #"{"item": "n0", "annotator": "cy", "label": [{"start": 0, "end": 4, "label": "PER"}, {"start": 9, "end": 11, "label": "PER"}, {"start": 20, "end": 27, "label": "LOC"}]}"#,
        #"{"item": "n1", "annotator": "ann", "label": []}"#,
        #"{"item": "n1", "annotator": "bo", "label": []}"#,
        #"{"item": "n1", "annotator": "cy", "label": []}"#,
    ]

    @Test(.enabled(if: LabelbenchBinary.exists, Comment(rawValue: LabelbenchBinary.missing)))
    func spanTaskStatisticsOnTheServerEqualTheOfflineOnes() async throws {
        let folder = try TestServer.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let served = try LabelbenchBinary.practitionerServer(in: folder)
        defer { served.stop() }
        let client = served.client

        let taskFile = try write(
            #"{"name": "ner", "answer": "spans", "labels": [{"name": "PER", "key": "p"}, {"name": "LOC", "key": "l"}], "overlap": 3}"#,
            to: folder.appendingPathComponent("task.json"))
        _ = try LabelbenchBinary.run(["tasks", "create", taskFile] + client)
        let items = try write(
            #"{"id": "n0", "text": "\#(Self.text)"}"# + "\n" + #"{"id": "n1", "text": "nothing here"}"# + "\n",
            to: folder.appendingPathComponent("items.jsonl"))
        _ = try LabelbenchBinary.run(["import", "ner", items] + client)
        let annotations = try write(
            Self.lines.joined(separator: "\n") + "\n", to: folder.appendingPathComponent("annotations.jsonl"))
        _ = try LabelbenchBinary.run(["import-annotations", "ner", annotations] + client)

        // Pairs on n0: ann–bo and bo–cy match 2 of 3 + 2 spans (F1 0.8), ann–cy all 3 (F1 1);
        // n1's three empty pairs count 1 each, so the mean over six pairs is 5.6 / 6.
        let online = try spanAgreement(try LabelbenchBinary.run(["agreement", "--task", "ner", "--json"] + client))
        #expect(abs((online["f1_exact"] as? Double ?? 0) - 5.6 / 6) < 1e-9, "\(online)")
        #expect(online["pairs"] as? Int == 6)
        // Offline the classes are unknown, so per-label rows come in name order rather than the task's.
        let offline = try spanAgreement(try LabelbenchBinary.run(["agreement", annotations, "--json"]))
        #expect(
            NSDictionary(dictionary: byLabel(online)) == NSDictionary(dictionary: byLabel(offline)),
            "\(online) vs \(offline)")

        // The consensus keeps every span a strict majority marked, and its offsets slice the
        // intended characters counted in code points.
        let consensus = try LabelbenchBinary.run(["aggregate", "--task", "ner", "--json"] + client)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(consensus.utf8)) as? [String: Any])
        let labels = try #require(rows["labels"] as? [[String: Any]], "\(consensus.prefix(400))")
        let n0 = try #require(labels.first { $0["item"] as? String == "n0" })
        let spans = try #require(n0["label"] as? [[String: Any]])
        let scalars = Array(Self.text.unicodeScalars)
        let marked = spans.map { span in
            String(String.UnicodeScalarView(scalars[(span["start"] as! Int)..<(span["end"] as! Int)]))
        }
        #expect(marked == ["Zoe\u{301}", "李明", "תל אביב"], "\(spans)")
        #expect(abs((n0["confidence"] as? Double ?? 0) - 2.0 / 3) < 1e-9, "\(n0)")

        // A refused line names the line and the span, and nothing of the file is stored.
        let overlapping = try write(
            #"{"item": "n0", "annotator": "dee", "label": [{"start": 0, "end": 4, "label": "PER"}]}"# + "\n"
                + #"{"item": "n1", "annotator": "dee", "label": [{"start": 0, "end": 7, "label": "PER"}, {"start": 5, "end": 9, "label": "LOC"}]}"#
                + "\n", to: folder.appendingPathComponent("bad.jsonl"))
        let refused = try LabelbenchBinary.runAllowingFailure(["import-annotations", "ner", overlapping] + client)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("line 2") && refused.stderr.contains("overlaps span 1"), "\(refused.stderr)")
        let after = try spanAgreement(try LabelbenchBinary.run(["agreement", "--task", "ner", "--json"] + client))
        #expect(after["pairs"] as? Int == 6, "dee's first line was not stored: \(after)")
    }

    private func spanAgreement(_ json: String) throws -> [String: Any] {
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        return try #require(report["span_agreement"] as? [String: Any], "\(json.prefix(400))")
    }

    private func byLabel(_ agreement: [String: Any]) -> [String: Any] {
        var sorted = agreement
        sorted["per_label"] = (agreement["per_label"] as? [[String: Any]])?
            .sorted { ($0["label"] as? String ?? "") < ($1["label"] as? String ?? "") }
        return sorted
    }

    private func write(_ text: String, to url: URL) throws -> String {
        try Data(text.utf8).write(to: url)
        return url.path
    }
}
