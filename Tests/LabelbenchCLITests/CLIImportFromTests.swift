import Foundation
import LabelbenchTestSupport
import Testing

/// `labelbench import-from` against a real server: one sample export of each tool imported end to
/// end with its summary printed, and a bad file refused naming its record with nothing stored.
@Suite(.serialized) struct CLIImportFromTests {
    static func sample(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("samples/import-from/\(name)").path
    }

    @Test(.enabled(if: LabelbenchBinary.exists, Comment(rawValue: LabelbenchBinary.missing)))
    func eachFormatImportsEndToEnd() throws {
        let folder = try TestServer.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let served = try LabelbenchBinary.practitionerServer(in: folder)
        defer { served.stop() }
        let client = served.client
        func task(_ json: String) throws {
            let file = folder.appendingPathComponent("task-\(UUID().uuidString).json")
            try Data(json.utf8).write(to: file)
            _ = try LabelbenchBinary.run(["tasks", "create", file.path] + client)
        }
        let sentiment = #"[{"name": "Positive"}, {"name": "Neutral"}, {"name": "Negative"}]"#
        try task(#"{"name": "ner", "answer": "spans", "labels": [{"name": "PER"}, {"name": "LOC"}, {"name": "ORG"}]}"#)
        try task(#"{"name": "reviews", "answer": "single", "labels": \#(sentiment)}"#)
        try task(#"{"name": "gt", "answer": "single", "labels": \#(sentiment)}"#)

        let studio = try LabelbenchBinary.run(
            ["import-from", "label-studio", "ner", Self.sample("label-studio-ner.json")] + client)
        #expect(studio.contains("items: 2 created, 0 already in the task"), "\(studio)")
        #expect(studio.contains("annotations: 3 imported, 0 already present"), "\(studio)")
        #expect(studio.contains("skipped 1 cancelled annotation(s)"), "\(studio)")
        let spans = try LabelbenchBinary.run(["agreement", "--task", "ner", "--json"] + client)
        #expect(spans.contains("span_agreement"), "\(spans.prefix(300))")

        let turk = try LabelbenchBinary.run(
            ["import-from", "mturk", "reviews", Self.sample("mturk-sentiment-batch-results.csv")] + client)
        #expect(turk.contains("read 6 record(s)") && turk.contains("annotations: 5 imported"), "\(turk)")
        #expect(turk.contains("skipped 1 rejected assignment(s)"), "\(turk)")
        #expect(turk.contains("new annotator accounts (no password): A1PUWPHGNKA1RS, A2R0YYUAWNT7UD, A3KPQ7L9QZ4M2H"), "\(turk)")

        let ground = try LabelbenchBinary.run(
            ["import-from", "sagemaker", "gt", Self.sample("sagemaker-text-classification.manifest")] + client)
        #expect(ground.contains("annotations: 1 imported"), "\(ground)")
        #expect(
            ground.contains("skipped 1 machine-labeled line(s), not imported (predictions not supported yet)"), "\(ground)")
        let lines = try LabelbenchBinary.run(["aggregate", "--task", "gt", "--json"] + client)
        #expect(lines.contains("review-1") && lines.contains("Positive"), "\(lines.prefix(300))")
    }

    @Test(.enabled(if: LabelbenchBinary.exists, Comment(rawValue: LabelbenchBinary.missing)))
    func aBadRecordIsNamedAndNothingIsStored() throws {
        let folder = try TestServer.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let served = try LabelbenchBinary.practitionerServer(in: folder)
        defer { served.stop() }
        let client = served.client
        let file = folder.appendingPathComponent("task.json")
        // No "Neutral": the first task's third annotation cannot be stored.
        try Data(#"{"name": "reviews", "labels": [{"name": "Positive"}, {"name": "Negative"}]}"#.utf8).write(to: file)
        _ = try LabelbenchBinary.run(["tasks", "create", file.path] + client)
        let failed = try LabelbenchBinary.runAllowingFailure(
            ["import-from", "label-studio", "reviews", Self.sample("label-studio-sentiment.json")] + client)
        #expect(failed.status != 0)
        #expect(
            failed.stderr.contains("label-studio-sentiment.json index 0 (id 201), annotation by ls-user-3"), "\(failed.stderr)")
        let tasks = try LabelbenchBinary.run(["tasks", "list", "--json"] + client)
        #expect(tasks.contains(#""items":0"#) && tasks.contains(#""annotations":0"#), "\(tasks)")
        let listed = try LabelbenchBinary.runAllowingFailure(
            ["import-from", "excel", "reviews", Self.sample("label-studio-sentiment.json")] + client)
        #expect(listed.status != 0 && listed.stderr.contains("label-studio, mturk, sagemaker"), "\(listed.stderr)")
    }

    /// A 1×1 PNG, the smallest real image the server takes.
    static let dot = Data(
        base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")!

    @Test(.enabled(if: LabelbenchBinary.exists, Comment(rawValue: LabelbenchBinary.missing)))
    func imagesGivenWithTheExportAreImportedFirst() throws {
        let folder = try TestServer.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let served = try LabelbenchBinary.practitionerServer(in: folder)
        defer { served.stop() }
        let client = served.client
        let images = folder.appendingPathComponent("images")
        try FileManager.default.createDirectory(at: images, withIntermediateDirectories: true)
        try Self.dot.write(to: images.appendingPathComponent("dot.png"))
        let task = folder.appendingPathComponent("task.json")
        try Data(
            #"{"name": "dots", "kind": "image", "answer": "boxes", "labels": [{"name": "dot"}, {"name": "speck"}]}"#.utf8
        ).write(to: task)
        _ = try LabelbenchBinary.run(["tasks", "create", task.path] + client)
        // Label Studio names an uploaded file with an 8-hex prefix; the box covers the whole pixel.
        let export = folder.appendingPathComponent("export.json")
        try Data(
            #"""
            [{"id": 1, "data": {"image": "/data/upload/1/0a1b2c3d-dot.png"}, "annotations": [{"completed_by": 1,
              "result": [{"type": "rectanglelabels", "value": {"x": 0, "y": 0, "width": 100, "height": 100,
              "rotation": 0, "rectanglelabels": ["dot"]}}]}]}]
            """#.utf8
        ).write(to: export)
        let first = try LabelbenchBinary.run(
            ["import-from", "label-studio", "dots", export.path, "--images", images.path] + client)
        #expect(first.contains("images: 1 imported, 0 already in the task"), "\(first)")
        #expect(
            first.contains("items: 0 created, 1 already in the task") && first.contains("annotations: 1 imported"), "\(first)")
        let again = try LabelbenchBinary.run(
            ["import-from", "label-studio", "dots", export.path, "--images", images.path] + client)
        #expect(again.contains("images: 0 imported, 1 already in the task") && again.contains("1 already present"), "\(again)")
    }
}
