import Foundation
import LabelbenchTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `export --format coco|yolo` from the command line on a task without boxes: refused naming the format, with
/// nothing written or committed.
@Suite(.serialized) struct CLIBoxExportFormatTests {
    @Test(.enabled(if: LabelbenchBinary.exists, Comment(rawValue: LabelbenchBinary.missing)))
    func boxFormatsOnATaskWithoutBoxesAreRefused() async throws {
        let folder = try TestServer.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let served = try LabelbenchBinary.practitionerServer(in: folder)
        defer { served.stop() }
        let client = served.client
        try served.createTask(#"{"name": "reviews", "labels": [{"name": "pos"}, {"name": "neg"}]}"#, in: folder)
        let items = folder.appendingPathComponent("items.jsonl")
        try Data(#"{"id": "r1", "text": "fine", "gold": "pos"}"#.utf8 + [0x0A]).write(to: items)
        _ = try LabelbenchBinary.run(["import", "reviews", items.path] + client)

        let draft = folder.appendingPathComponent("draft")
        for format in ["coco", "yolo"] {
            let refused = try LabelbenchBinary.runAllowingFailure(
                ["export", "reviews", "--format", format, "--to", draft.path] + client)
            #expect(refused.status != 0)
            #expect(
                refused.stderr.contains("format: \(format) writes object boxes, and task reviews answers single"),
                "got \(refused.stderr)")
            #expect(refused.stderr.contains("HTTP 422"), "got \(refused.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: draft.path), "a refused folder export writes no folder")
        #expect(!(try LabelbenchBinary.run(["artifacts", "list"] + client)).contains("reviews"), "nothing is committed")
    }
}
