import Foundation
import LabelbenchTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `export --where/--label/--min-confidence/--guideline-version/--state --split --split-by` from the command line:
/// the options reach the server, the split files come back with `artifacts get` and `--to DIR`, and bad values
/// are refused naming the option, with nothing committed.
@Suite(.serialized) struct CLIExportSliceTests {
    @Test(.enabled(if: LabelbenchBinary.exists, Comment(rawValue: LabelbenchBinary.missing)))
    func slicesAndSplitsAreExportedAndBadOptionsRefused() async throws {
        let folder = try TestServer.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let served = try LabelbenchBinary.practitionerServer(in: folder)
        defer { served.stop() }
        let client = served.client
        try served.createTask(#"{"name": "reviews", "labels": [{"name": "pos"}, {"name": "neg"}]}"#, in: folder)
        // Gold items give rows without annotations: r0…r9, pos on even ids, in two sources.
        let lines = (0..<10).map { index in
            #"{"id": "r\#(index)", "text": "review \#(index)", "meta": {"source": "\#(index < 5 ? "web" : "mail")"}, "#
                + #""gold": "\#(index % 2 == 0 ? "pos" : "neg")"}"#
        }
        let items = folder.appendingPathComponent("items.jsonl")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: items)
        _ = try LabelbenchBinary.run(["import", "reviews", items.path] + client)

        let refusals: [([String], String)] = [
            (["--split", "train=0.8,test=0.3"], "--split: the shares must sum to 1; 0.8 + 0.3 = 1.1"),
            (["--split", "train=0.8,test=0"], "--split: the share of test must be a number above 0"),
            (["--split", "train=1", "--split-by", "user"], #"--split-by: "user" is not id, annotator or meta.KEY"#),
            (["--split-by", "annotator"], "--split-by goes with --split"),
            (["--where", "source=web"], #"--where: "source=web" is not meta.KEY=VALUE"#),
            (["--state", "finished"], #"--state: "finished" is not a state"#),
            (["--label", "meh"], #"label: "meh" is not a label of task reviews"#),
            (["--min-confidence", "2"], "min_confidence: give a number from 0 to 1"),
        ]
        for (options, message) in refusals {
            let refused = try LabelbenchBinary.runAllowingFailure(["export", "reviews"] + options + client)
            #expect(refused.status != 0 && refused.stderr.contains(message), "\(options): \(refused.stderr)")
        }
        #expect(!(try LabelbenchBinary.run(["artifacts", "list"] + client)).contains("reviews"), "nothing is committed")

        let sliced = ["--where", "meta.source=web", "--label", "pos", "--state", "gold", "--split", "train=0.5,test=0.5"]
        #expect(try LabelbenchBinary.run(["export", "reviews"] + sliced + client).hasSuffix("reviews:v0"))
        let got = folder.appendingPathComponent("got")
        _ = try LabelbenchBinary.run(["artifacts", "get", "reviews:v0", got.path] + client)
        func ids(_ directory: URL, _ file: String) throws -> [String] {
            try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8).split(separator: "\n").map {
                String(String($0).split(separator: "\"")[3])
            }
        }
        #expect(try ids(got, "labels.jsonl") == ["r0", "r2", "r4"])
        #expect(try (ids(got, "train.jsonl") + ids(got, "test.jsonl")).sorted() == ["r0", "r2", "r4"])
        let shown = try LabelbenchBinary.run(["artifacts", "show", "reviews:v0"] + client)
        #expect(shown.contains(#""where""#) && shown.contains("meta.source=web") && shown.contains(#""split""#))

        // The same export to a folder writes the same split files, committing nothing more.
        let draft = folder.appendingPathComponent("draft")
        _ = try LabelbenchBinary.run(["export", "reviews", "--to", draft.path] + sliced + client)
        for file in ["labels.jsonl", "train.jsonl", "test.jsonl"] {
            #expect(
                try Data(contentsOf: draft.appendingPathComponent(file)) == Data(contentsOf: got.appendingPathComponent(file)),
                "\(file)")
        }
    }
}
