import Foundation
import LabelbenchTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The client commands of the built `labelbench` binary against a real server on loopback:
/// what a practitioner types, with its exit status and messages.
@Suite(.serialized) struct CLIClientTests {
    @Test(.enabled(if: LabelbenchBinary.exists, Comment(rawValue: LabelbenchBinary.missing)))
    func importExportAndFetchThroughTheCommandLine() async throws {
        let folder = try TestServer.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let served = try LabelbenchBinary.practitionerServer(in: folder)
        defer { served.stop() }
        let client = served.client
        let data = served.data

        try served.createTask(#"{"name": "reviews", "labels": [{"name": "pos"}, {"name": "neg"}], "overlap": 2}"#, in: folder)

        // Over a megabyte, so the upload streams in chunks and the server parses it in two halves.
        let filler = String(repeating: "a fairly long review text ", count: 10)
        let lines = (0..<5000).map { #"{"id": "r\#($0)", "text": "\#(filler)\#($0)"}"# }
        let items = folder.appendingPathComponent("items.jsonl")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: items)
        #expect(
            try LabelbenchBinary.run(["import", "reviews", items.path] + client) == "imported 5000 item(s), updated 0, gold 0")

        var broken = lines.map { $0.replacingOccurrences(of: "\"r", with: "\"s") }
        broken[4000] = #"{"id": "s4000", "text": 17}"#
        try Data((broken.joined(separator: "\n") + "\n").utf8).write(to: items)
        let refused = try LabelbenchBinary.runAllowingFailure(["import", "reviews", items.path] + client)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("items.jsonl line 4001"), "got \(refused.stderr)")
        #expect(refused.stderr.contains("HTTP 4"), "got \(refused.stderr)")
        #expect(try LabelbenchBinary.run(["tasks", "list"] + client).contains("reviews"))

        // --to DIR writes the files to a folder instead: checked, with a manifest, and no version in the store.
        let draft = folder.appendingPathComponent("draft")
        let written = try LabelbenchBinary.run(["export", "reviews", "--include-unlabeled", "--to", draft.path] + client)
        #expect(written.split(separator: "\n").last.map(String.init) == draft.path)
        _ = try LabelbenchBinary.run(["artifacts", "verify", draft.path])
        let draftManifest = try String(contentsOf: draft.appendingPathComponent("manifest.json"), encoding: .utf8)
        #expect(draftManifest.contains(#""version": "draft""#), "got \(draftManifest.prefix(200))")
        #expect(FileManager.default.fileExists(atPath: draft.appendingPathComponent("wandb_manifest.json").path))
        #expect(
            !(try LabelbenchBinary.run(["artifacts", "list"] + client)).contains("reviews"), "a folder export commits nothing")
        let scratch = (try? FileManager.default.contentsOfDirectory(atPath: data + "/scratch")) ?? []
        #expect(scratch.isEmpty, "the server's work folder is removed: \(scratch)")
        let again = try LabelbenchBinary.runAllowingFailure(["export", "reviews", "--to", draft.path] + client)
        #expect(again.status != 0 && again.stderr.contains("not empty"), "got \(again.stderr)")
        let aliased = try LabelbenchBinary.runAllowingFailure(
            ["export", "reviews", "--to", folder.appendingPathComponent("x").path, "--alias", "best"] + client)
        #expect(aliased.status != 0 && aliased.stderr.contains("--alias"), "got \(aliased.stderr)")

        let reference = try LabelbenchBinary.run(["export", "reviews", "--include-unlabeled"] + client)
        #expect(reference.split(separator: "\n").last == "reviews:v0")
        let copy = folder.appendingPathComponent("copy")
        _ = try LabelbenchBinary.run(["artifacts", "get", "reviews:latest", copy.path] + client)
        let exported = try String(contentsOf: copy.appendingPathComponent("labels.jsonl"), encoding: .utf8)
        #expect(exported.split(separator: "\n").count == 5000)
        _ = try LabelbenchBinary.run(["artifacts", "verify", copy.path])
        let drafted = try String(contentsOf: draft.appendingPathComponent("labels.jsonl"), encoding: .utf8)
        #expect(drafted == exported, "the folder holds the same labels.jsonl as the version of the same state")

        // One flipped byte in the stored blob: `get` fails naming the file and leaves no folder.
        let manifest =
            try JSONSerialization.jsonObject(with: Data(contentsOf: copy.appendingPathComponent("manifest.json")))
            as? [String: Any]
        let labelsEntry = (manifest?["files"] as? [[String: Any]])?.first { $0["path"] as? String == "labels.jsonl" }
        let sha = try #require(labelsEntry?["sha256"] as? String)
        let blob = URL(fileURLWithPath: data).appendingPathComponent("blobs/sha256/\(sha.prefix(2))/\(sha.dropFirst(2))")
        var bytes = try Data(contentsOf: blob)
        bytes[bytes.count / 2] ^= 0x01
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: blob.path)
        try bytes.write(to: blob)
        let damaged = folder.appendingPathComponent("damaged")
        let refusedGet = try LabelbenchBinary.runAllowingFailure(["artifacts", "get", "reviews:v0", damaged.path] + client)
        #expect(refusedGet.status != 0 && refusedGet.stderr.contains("labels.jsonl"), "got \(refusedGet.stderr)")
        #expect(!FileManager.default.fileExists(atPath: damaged.path))

        let unreachable = try LabelbenchBinary.runAllowingFailure([
            "tasks", "list", "--server", "http://127.0.0.1:1", "--token", served.token,
        ])
        #expect(unreachable.status != 0)
        #expect(unreachable.stderr.contains("cannot reach http://127.0.0.1:1: connection refused\n"), "got \(unreachable.stderr)")
        #expect(!unreachable.stderr.contains("errno"), "got \(unreachable.stderr)")
    }
}
