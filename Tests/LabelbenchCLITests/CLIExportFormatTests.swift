import Foundation
import LabelbenchTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `export --format` from the command line: the span formats on a task without spans are refused,
/// naming the format, and nothing is written or committed.
@Suite(.serialized) struct CLIExportFormatTests {
    @Test(.enabled(if: LabelbenchBinary.exists, Comment(rawValue: LabelbenchBinary.missing)))
    func spanFormatsOnATaskWithoutSpansAreRefused() async throws {
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
        for format in ["conll", "spacy"] {
            let refused = try LabelbenchBinary.runAllowingFailure(["export", "reviews", "--format", format] + client)
            #expect(refused.status != 0)
            #expect(
                refused.stderr.contains("format: \(format) writes entity spans, and task reviews answers single"),
                "got \(refused.stderr)")
            #expect(refused.stderr.contains("HTTP 422"), "got \(refused.stderr)")
            let toFolder = try LabelbenchBinary.runAllowingFailure(
                ["export", "reviews", "--format", format, "--to", draft.path] + client)
            #expect(toFolder.status != 0 && toFolder.stderr.contains("format: \(format)"), "got \(toFolder.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: draft.path), "a refused folder export writes no folder")
        #expect(!(try LabelbenchBinary.run(["artifacts", "list"] + client)).contains("reviews"), "nothing is committed")
        let unknown = try LabelbenchBinary.runAllowingFailure(["export", "reviews", "--format", "iob"] + client)
        #expect(
            unknown.status != 0 && unknown.stderr.contains("--format must be jsonl, csv, spacy")
                && unknown.stderr.contains("conll"), "got \(unknown.stderr)")
        // The same task exports as before with the formats it has.
        #expect(try LabelbenchBinary.run(["export", "reviews", "--format", "csv"] + client).hasSuffix("reviews:v0"))
    }
}
