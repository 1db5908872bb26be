import Foundation
import LabelbenchCore
import Logging
import Testing

/// Quality gates over HTTP: the task setting, the results in every version, protected aliases refused (409)
/// for a version that failed them, and a forced move with a reason kept in lineage, logged and shown.
@Suite struct QualityGateAPITests {
    /// A task whose gold gate cannot hold: it has no gold items, so gold accuracy is null and fails.
    static let task = #"""
        {"name": "birds", "labels": [{"name": "bird"}, {"name": "other"}],
         "gates": {"gold_accuracy": 0.8, "max_untrusted_share": 0.05}, "protected_aliases": ["production", "stable"]}
        """#

    static func object(_ text: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }

    func put(_ client: TestClient, _ path: String, _ body: String, token: String) async throws -> HTTPResult {
        try await client.send("PUT", path, body: Data(body.utf8), headers: ["Content-Type": "application/json"], token: token)
    }

    @Test func theSettingIsReturnedRoundTripsAndIsRefusedNamingTheField() async throws {
        try await TestServer.inProcess { server in
            let pat = try await server.addUser("pat", role: .practitioner)
            let client = server.client
            let created = try await client.postRaw("/api/v1/tasks", Data(Self.task.utf8), token: pat.token)
            #expect(created.status == 201, "\(created.text)")
            let read = try await client.get("/api/v1/tasks/birds", token: pat.token)
            let fields = Self.object(read.text)
            #expect(fields["gates"] as? [String: Double] == ["gold_accuracy": 0.8, "max_untrusted_share": 0.05])
            #expect(fields["protected_aliases"] as? [String] == ["production", "stable"])
            let again = try await put(client, "/api/v1/tasks/birds", read.text, token: pat.token)
            #expect(again.status == 200, "\(again.text)")
            #expect(try await client.get("/api/v1/tasks/birds", token: pat.token).text == read.text)

            let refused = try await put(
                client, "/api/v1/tasks/birds",
                #"{"name": "birds", "labels": [{"name": "bird"}, {"name": "other"}], "gates": {"gold_accuracy": 80}}"#,
                token: pat.token)
            #expect(refused.status == 422 && refused.text.contains("gates.gold_accuracy: give a share from 0 to 1"))
            #expect(Self.object(try await client.get("/api/v1/tasks/birds", token: pat.token).text)["gates"] != nil)
        }
    }

    @Test func aProtectedAliasIsRefusedUntilForcedWithAReason() async throws {
        let recorder = RecordingLogHandler()
        try await TestServer.inProcess(logger: Logger(label: "labelbench-test", factory: { _ in recorder })) { server in
            let pat = try await server.addUser("pat", role: .practitioner)
            let client = server.client
            #expect(try await client.postRaw("/api/v1/tasks", Data(Self.task.utf8), token: pat.token).status == 201)
            #expect(try await client.importItems("birds", TestClient.itemLines(2), token: pat.token).status == 201)

            // Asked for at export: 409 naming the failed check, and no version made.
            let refusedExport = try await client.postJSON(
                "/api/v1/tasks/birds/exports", ["aliases": ["production"]], token: pat.token)
            #expect(
                refusedExport.status == 409
                    && refusedExport.text.contains("failed its quality gates (gold_accuracy, max_untrusted_share)"))
            #expect(try server.count("artifact_version") == 0)

            let exported = try await client.postJSON("/api/v1/tasks/birds/exports", ["aliases": ["candidate"]], token: pat.token)
            #expect(exported.status == 201, "\(exported.text)")
            let shown = Self.object(try await client.get("/api/v1/artifacts/birds/v0", token: pat.token).text)
            let gates = (shown["metadata"] as? [String: Any])?["gates"] as? [String: Any]
            #expect(gates?["passed"] as? Bool == false)
            let checks = gates?["checks"] as? [[String: Any]] ?? []
            #expect(checks.map { $0["name"] as? String } == ["gold_accuracy", "max_untrusted_share"])
            #expect(checks.first?["value"] is NSNull && checks.first?["passed"] as? Bool == false)
            // No annotations yet: no share can be shown, so that gate fails too.
            #expect(checks.last?["value"] is NSNull)

            let alias = "/api/v1/artifacts/birds/aliases/production"
            let refused = try await put(client, alias, #"{"version": "v0"}"#, token: pat.token)
            #expect(refused.status == 409)
            #expect(
                refused.text.contains(
                    "alias production is protected and birds:v0 failed its quality gates (gold_accuracy, max_untrusted_share)"))
            let noReason = try await put(client, alias, #"{"version": "v0", "force": true}"#, token: pat.token)
            #expect(noReason.status == 422 && noReason.text.contains("reason: a forced move needs a reason"))
            let blank = try await put(client, alias, #"{"version": "v0", "force": true, "reason": "  "}"#, token: pat.token)
            #expect(blank.status == 422 && blank.text.contains("reason:"))
            let reasonAlone = try await put(client, alias, #"{"version": "v0", "reason": "why not"}"#, token: pat.token)
            #expect(reasonAlone.status == 422 && reasonAlone.text.contains("reason: a reason goes with force: true"))
            #expect(
                Self.object(try await client.get("/api/v1/artifacts/birds/v0", token: pat.token).text)["aliases"] as? [String]
                    == ["candidate", "latest"])
            // An alias the task does not protect moves freely.
            #expect(
                try await put(client, "/api/v1/artifacts/birds/aliases/staging", #"{"version": "v0"}"#, token: pat.token).status
                    == 200)

            let forced = try await put(
                client, alias, #"{"version": "v0", "force": true, "reason": "<b>demo</b> before gold exists"}"#, token: pat.token)
            #expect(forced.status == 200, "\(forced.text)")
            let override = Self.object(forced.text)["override"] as? [String: Any]
            #expect(override?["alias"] as? String == "production" && override?["by"] as? String == "pat")
            #expect(override?["reason"] as? String == "<b>demo</b> before gold exists")

            let version = Self.object(try await client.get("/api/v1/artifacts/birds/production", token: pat.token).text)
            #expect(version["version"] as? String == "v0")
            #expect((version["aliases"] as? [String])?.contains("production") == true)
            let overrides = (version["lineage"] as? [String: Any])?["overrides"] as? [[String: Any]]
            #expect(overrides?.count == 1 && overrides?.first?["reason"] as? String == "<b>demo</b> before gold exists")
            #expect(overrides?.first?["at"] as? String != nil)
            // manifest.json stays as committed.
            let manifest = Self.object(try await client.get("/api/v1/artifacts/birds/v0/manifest", token: pat.token).text)
            #expect((manifest["lineage"] as? [String: Any])?["overrides"] == nil)

            #expect(
                recorder.lines.contains {
                    $0.hasPrefix("security: protected alias forced onto a version that failed its quality gates")
                        && $0.contains("alias=production") && $0.contains("failed=gold_accuracy,max_untrusted_share")
                        && $0.contains("user=pat") && $0.contains("version=birds:v0")
                })
        }
    }

    @Test func theVersionPageShowsGateResultsAndOverrides() async throws {
        try await TestServer.inProcess { server in
            let pat = try await server.addUser("pat", role: .practitioner, withPassword: true)
            let client = server.client
            #expect(try await client.postRaw("/api/v1/tasks", Data(Self.task.utf8), token: pat.token).status == 201)
            #expect(try await client.importItems("birds", TestClient.itemLines(2), token: pat.token).status == 201)
            #expect(
                try await client.postJSON("/api/v1/tasks/birds/exports", [:] as [String: Any], token: pat.token).status == 201)
            let forced = try await put(
                client, "/api/v1/artifacts/birds/aliases/stable",
                #"{"version": "v0", "force": true, "reason": "<script>x</script> known gap"}"#, token: pat.token)
            #expect(forced.status == 200)
            let cookie = try await client.login("pat")
            let page = try await client.get("/artifacts/birds/v0", cookie: cookie)
            #expect(page.status == 200)
            for expected in [
                "Quality gates", "Failed: gold_accuracy, max_untrusted_share.", "not computable", "<td>gold_accuracy",
                "Forced aliases", "&lt;script&gt;x&lt;/script&gt; known gap", "<td>pat</td>",
            ] {
                #expect(page.text.contains(expected), "the version page lacks \(expected)")
            }
            #expect(!page.text.contains("<script>x"))
            // The gates have their own section, not rows of flattened metadata.
            #expect(!page.text.contains("gates · checks"))
            let list = try await client.get("/artifacts", cookie: cookie)
            #expect(list.text.contains("failed (gold_accuracy, max_untrusted_share)") && list.text.contains("stable"))
        }
    }

    @Test func theTaskFormSetsGatesAndShowsProblemsBesideTheirFields() async throws {
        try await TestServer.inProcess { server in
            try await server.addUser("pat", role: .practitioner, withPassword: true)
            let client = server.client
            let cookie = try await client.login("pat")
            let csrf = try await client.csrfToken(on: "/tasks/new", cookie: cookie)
            let blank = try await client.get("/tasks/new", cookie: cookie).text
            #expect(blank.contains(#"name="protected_aliases" type="text" value="production""#))
            #expect(blank.contains(#"name="gate_gold_accuracy" type="number" min="0" max="1" step="any" value="""#))
            let fields = BrowserSessionTests.taskFields(csrf: csrf, name: "birds")
            let refused = try await client.postForm(
                "/tasks/new",
                fields + [
                    ("gate_alpha_ci_low", "high"), ("gate_gold_accuracy", "1.5"), ("gate_max_untrusted_share", ""),
                    ("protected_aliases", "production, latest"),
                ], cookie: cookie)
            #expect(refused.status == 422)
            for expected in [
                #"<p class="field-error" id="gate-alpha-error">Give a number, or leave it blank for no gate.</p>"#,
                #"<p class="field-error" id="gate-gold-error">Give a share from 0 to 1.</p>"#,
                #"id="protected-aliases-error">Latest moves to every new version by itself and cannot be protected.</p>"#,
                #"value="production, latest""#,
            ] {
                #expect(refused.text.contains(expected), "the refused form lacks \(expected)")
            }
            #expect(try server.count("task") == 0)

            let created = try await client.postForm(
                "/tasks/new",
                fields + [
                    ("gate_alpha_ci_low", "0.6"), ("gate_gold_accuracy", "0.8"), ("gate_max_untrusted_share", ""),
                    ("protected_aliases", "production, stable"),
                ], cookie: cookie)
            #expect(created.status == 303, "\(created.text)")
            let pat = try #require(try server.database.user(named: "pat"))
            let definition = try await server.database.definition(
                of: try await server.database.task(named: "birds", visibleTo: pat))
            #expect(definition.gates == QualityGates(alphaCILow: 0.6, goldAccuracy: 0.8))
            #expect(definition.protectedAliases == ["production", "stable"])
            let edit = try await client.get("/tasks/birds/edit", cookie: cookie).text
            #expect(edit.contains(#"value="0.6""#) && edit.contains(#"value="production, stable""#))
        }
    }
}
