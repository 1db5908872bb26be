import Foundation
import LabelbenchCore
import Testing

/// The `overlap` setting through the API and the task form: a number or `{min, max, confidence}`,
/// returned as sent, refused naming the field; the form's adaptive fields and the progress page.
@Suite struct AdaptiveOverlapAPITests {
    static let adaptive = #"{"min": 2, "max": 5, "confidence": 0.9}"#

    static func taskBody(overlap: String) -> String {
        #"{"name": "birds", "labels": [{"name": "bird"}, {"name": "other"}], "overlap": \#(overlap)}"#
    }

    /// The `overlap` value of the task as `GET` returns it.
    static func readOverlap(_ client: TestClient, token: String) async throws -> Any? {
        let read = try await client.get("/api/v1/tasks/birds", token: token)
        #expect(read.status == 200)
        return (try JSONSerialization.jsonObject(with: Data(read.text.utf8)) as? [String: Any])?["overlap"]
    }

    @Test func getReturnsTheSettingAsSentAndPutRoundTripsIt() async throws {
        try await TestServer.inProcess { server in
            let pat = try await server.addUser("pat", role: .practitioner)
            let client = server.client
            let created = try await client.postRaw(
                "/api/v1/tasks", Data(Self.taskBody(overlap: Self.adaptive).utf8), contentType: "application/json",
                token: pat.token)
            #expect(created.status == 201, "\(created.text)")
            #expect(
                try await Self.readOverlap(client, token: pat.token) as? [String: Double] == [
                    "min": 2, "max": 5, "confidence": 0.9,
                ])
            // The task as read, sent back unchanged, keeps the object.
            let read = try await client.get("/api/v1/tasks/birds", token: pat.token)
            let put = try await client.send(
                "PUT", "/api/v1/tasks/birds", body: Data(read.text.utf8), headers: ["Content-Type": "application/json"],
                token: pat.token)
            #expect(put.status == 200, "\(put.text)")
            #expect(
                try await Self.readOverlap(client, token: pat.token) as? [String: Double] == [
                    "min": 2, "max": 5, "confidence": 0.9,
                ])
            // A plain number is fixed overlap again, and reads back as a number.
            let fixed = try await client.send(
                "PUT", "/api/v1/tasks/birds", body: Data(Self.taskBody(overlap: "3").utf8),
                headers: ["Content-Type": "application/json"], token: pat.token)
            #expect(fixed.status == 200, "\(fixed.text)")
            #expect(try await Self.readOverlap(client, token: pat.token) as? Int == 3)
        }
    }

    @Test func badSettingsAreRefusedNamingTheFieldAndStoreNothing() async throws {
        try await TestServer.inProcess { server in
            let pat = try await server.addUser("pat", role: .practitioner)
            let client = server.client
            let cases: [(String, String)] = [
                (#"{"min": 4, "max": 3, "confidence": 0.9}"#, "overlap.max: must be at least min (4)"),
                (#"{"min": 0, "max": 3, "confidence": 0.9}"#, "overlap.min: must be between 1 and 50"),
                (#"{"min": 2, "max": 3, "confidence": 0}"#, "overlap.confidence: must be more than 0 and at most 1"),
                (#"{"min": 2, "max": 3, "confidence": 1.01}"#, "overlap.confidence: must be more than 0 and at most 1"),
                (#"{"min": 2, "max": 3}"#, "overlap.confidence: missing"),
                (#"{"min": 2, "max": 3, "confidence": 0.9, "step": 1}"#, #"overlap: unknown field \"step\""#),
                (#"[2, 5]"#, "overlap: expected a whole number (fixed overlap) or"),
            ]
            for (overlap, message) in cases {
                let refused = try await client.postRaw(
                    "/api/v1/tasks", Data(Self.taskBody(overlap: overlap).utf8), contentType: "application/json",
                    token: pat.token)
                #expect((400..<500).contains(refused.status), "\(overlap): \(refused.status)")
                #expect(refused.text.contains(message), "\(overlap): \(refused.text)")
            }
            #expect(try server.count("task") == 0)
        }
    }

    @Test func theFormSetsAdaptiveOverlapInPlainFieldsAndShowsProblemsBesideThem() async throws {
        try await TestServer.inProcess { server in
            try await server.addUser("pat", role: .practitioner, withPassword: true)
            let client = server.client
            let cookie = try await client.login("pat")
            let csrf = try await client.csrfToken(on: "/tasks/new", cookie: cookie)
            let page = try await client.get("/tasks/new", cookie: cookie).text
            #expect(page.contains(#"id="overlap-fixed" name="overlap_mode" value="fixed" checked"#))
            #expect(page.contains(#"name="overlap_confidence" type="number" min="0" max="100" step="any" value="90""#))
            let fields = BrowserSessionTests.taskFields(csrf: csrf, name: "birds").filter { $0.0 != "overlap" }
            // 150 % and a max under min: each message beside its own field, nothing stored.
            let refused = try await client.postForm(
                "/tasks/new",
                fields + [
                    ("overlap", "2"), ("overlap_mode", "adaptive"), ("overlap_min", "3"), ("overlap_max", "2"),
                    ("overlap_confidence", "150"),
                ], cookie: cookie)
            #expect(refused.status == 422)
            #expect(
                refused.text.contains(
                    #"<p class="field-error" id="overlap-confidence-error">Give a percentage above 0 and at most 100.</p>"#))
            #expect(refused.text.contains(#"<p class="field-error" id="overlap-max-error">Must be at least min (3).</p>"#))
            #expect(refused.text.contains(#"id="overlap-adaptive" name="overlap_mode" value="adaptive" checked"#))
            #expect(try server.count("task") == 0)
            let created = try await client.postForm(
                "/tasks/new",
                fields + [
                    ("overlap", "2"), ("overlap_mode", "adaptive"), ("overlap_min", "2"), ("overlap_max", "5"),
                    ("overlap_confidence", "85"),
                ], cookie: cookie)
            #expect(created.status == 303, "\(created.text)")
            let pat = try #require(try server.database.user(named: "pat"))
            let task = try await server.database.task(named: "birds", visibleTo: pat)
            #expect(
                try await server.database.definition(of: task).overlap
                    == .adaptive(AdaptiveOverlap(min: 2, max: 5, confidence: 0.85)))
            let edit = try await client.get("/tasks/birds/edit", cookie: cookie).text
            #expect(edit.contains(#"id="overlap-adaptive" name="overlap_mode" value="adaptive" checked"#))
            #expect(edit.contains(#"name="overlap_confidence" type="number" min="0" max="100" step="any" value="85""#))
            #expect(edit.contains(#"name="overlap_max" type="number" min="1" max="50" value="5""#))
            // The progress page says how the answers needed are counted, and their ceiling.
            _ = try await server.database.importItems(
                ItemFileParser.parse(Data("{\"id\":\"i0\",\"text\":\"a\"}\n".utf8), fileName: "i.jsonl"), into: task)
            let progress = try await client.get("/tasks/birds/progress", cookie: cookie).text
            #expect(
                progress.contains(
                    "adaptive overlap: each item goes to 2 annotators, then to one more at a time while fewer than 85 % agree, up to 5; these are the answers needed as far as is known now, at most 5 answers"
                ))
        }
    }
}
