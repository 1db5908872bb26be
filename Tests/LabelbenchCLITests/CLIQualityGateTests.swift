import Foundation
import LabelbenchTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Protected aliases from the command line: `artifacts alias` and `export --alias` refuse a version that failed
/// its quality gates with a non-zero exit naming the checks, `--force --reason` moves it, and `artifacts show`
/// prints the gate results and the overrides.
@Suite(.serialized) struct CLIQualityGateTests {
    @Test(.enabled(if: LabelbenchBinary.exists, Comment(rawValue: LabelbenchBinary.missing)))
    func protectedAliasesAreRefusedUntilForcedWithAReason() async throws {
        let folder = try TestServer.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let served = try LabelbenchBinary.practitionerServer(in: folder)
        defer { served.stop() }
        let client = served.client
        // No gold items: gold accuracy cannot be computed, so its gate fails.
        try served.createTask(
            #"""
            {"name": "reviews", "labels": [{"name": "pos"}, {"name": "neg"}], "gates": {"gold_accuracy": 0.8},
             "protected_aliases": ["production", "stable"]}
            """#, in: folder)
        let items = folder.appendingPathComponent("items.jsonl")
        try Data(#"{"id": "r1", "text": "fine"}"#.utf8 + [0x0A]).write(to: items)
        _ = try LabelbenchBinary.run(["import", "reviews", items.path] + client)

        let refusedExport = try LabelbenchBinary.runAllowingFailure(["export", "reviews", "--alias", "production"] + client)
        #expect(refusedExport.status != 0)
        #expect(refusedExport.stderr.contains("failed its quality gates (gold_accuracy)"), "got \(refusedExport.stderr)")
        #expect(!(try LabelbenchBinary.run(["artifacts", "list"] + client)).contains("reviews"), "nothing is committed")
        #expect(try LabelbenchBinary.run(["export", "reviews"] + client).hasSuffix("reviews:v0"))

        let refused = try LabelbenchBinary.runAllowingFailure(["artifacts", "alias", "reviews:v0", "production"] + client)
        #expect(refused.status != 0)
        #expect(
            refused.stderr.contains("alias production is protected and reviews:v0 failed its quality gates (gold_accuracy)"),
            "got \(refused.stderr)")
        #expect(refused.stderr.contains("HTTP 409"), "got \(refused.stderr)")
        let noReason = try LabelbenchBinary.runAllowingFailure(
            ["artifacts", "alias", "reviews:v0", "production", "--force"] + client)
        #expect(noReason.status != 0 && noReason.stderr.contains("--force needs --reason"), "got \(noReason.stderr)")

        let moved = try LabelbenchBinary.run(
            ["artifacts", "alias", "reviews:v0", "production", "--force", "--reason", "launch demo, gold comes next week"]
                + client)
        #expect(moved == "reviews:production → reviews:v0")
        // The same content exported again returns v0; forcing `stable` onto it is a second override.
        #expect(
            try LabelbenchBinary.run(["export", "reviews", "--alias", "stable", "--force", "--reason", "same data"] + client)
                .hasSuffix("reviews:v0"))

        let shown =
            try JSONSerialization.jsonObject(
                with: Data(try LabelbenchBinary.run(["artifacts", "show", "reviews:production"] + client).utf8)) as? [String: Any]
        #expect(shown?["version"] as? String == "v0")
        #expect(Set(shown?["aliases"] as? [String] ?? []) == ["latest", "production", "stable"])
        let gates = (shown?["metadata"] as? [String: Any])?["gates"] as? [String: Any]
        #expect(gates?["passed"] as? Bool == false)
        let check = (gates?["checks"] as? [[String: Any]])?.first
        #expect(check?["name"] as? String == "gold_accuracy" && check?["threshold"] as? Double == 0.8)
        #expect(check?["value"] is NSNull && check?["passed"] as? Bool == false)
        let overrides = (shown?["lineage"] as? [String: Any])?["overrides"] as? [[String: Any]] ?? []
        #expect(overrides.map { $0["alias"] as? String } == ["production", "stable"])
        #expect(overrides.map { $0["reason"] as? String } == ["launch demo, gold comes next week", "same data"])
        #expect(overrides.allSatisfy { $0["by"] as? String == "pat" && $0["at"] is String })
    }
}
