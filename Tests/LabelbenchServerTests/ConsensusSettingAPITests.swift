import Foundation
import LabelbenchCore
import Testing

/// The task setting `consensus` through the API and the task form: `majority` by default, `dawid-skene`
/// round-tripped, an unknown method or one the answer type cannot use refused with 422 naming the field,
/// and `aggregate` without `method` following the task.
@Suite struct ConsensusSettingAPITests {
    static func taskBody(answer: String = "single", consensus: String?) -> String {
        let setting = consensus.map { #", "consensus": "\#($0)""# } ?? ""
        return #"{"name": "birds", "answer": "\#(answer)", "labels": [{"name": "bird"}, {"name": "other"}], "#
            + #""overlap": {"min": 2, "max": 5, "confidence": 0.9}\#(setting)}"#
    }

    /// The task as `GET` returns it.
    static func read(_ client: TestClient, token: String) async throws -> [String: Any] {
        let read = try await client.get("/api/v1/tasks/birds", token: token)
        #expect(read.status == 200)
        return try #require(try JSONSerialization.jsonObject(with: Data(read.text.utf8)) as? [String: Any])
    }

    @Test func getReturnsTheMethodAndPutChangesIt() async throws {
        try await TestServer.inProcess { server in
            let pat = try await server.addUser("pat", role: .practitioner)
            let client = server.client
            let json = ["Content-Type": "application/json"]
            let created = try await client.postRaw(
                "/api/v1/tasks", Data(Self.taskBody(consensus: nil).utf8), contentType: "application/json", token: pat.token)
            #expect(created.status == 201, "\(created.text)")
            #expect(try await Self.read(client, token: pat.token)["consensus"] as? String == "majority")
            let chosen = try await client.send(
                "PUT", "/api/v1/tasks/birds", body: Data(Self.taskBody(consensus: "dawid-skene").utf8), headers: json,
                token: pat.token)
            #expect(chosen.status == 200, "\(chosen.text)")
            #expect(try await Self.read(client, token: pat.token)["consensus"] as? String == "dawid-skene")
            // The task as read, sent back unchanged, keeps the method.
            let read = try await client.get("/api/v1/tasks/birds", token: pat.token)
            let put = try await client.send(
                "PUT", "/api/v1/tasks/birds", body: Data(read.text.utf8), headers: json, token: pat.token)
            #expect(put.status == 200, "\(put.text)")
            #expect(try await Self.read(client, token: pat.token)["consensus"] as? String == "dawid-skene")
            // aggregate without `method` uses the task's; asked for, majority still answers.
            let aggregate = try await client.get("/api/v1/tasks/birds/aggregate", token: pat.token)
            #expect(aggregate.status == 200 && aggregate.text.contains(#""method":"dawid-skene""#), "\(aggregate.text)")
            let majority = try await client.get("/api/v1/tasks/birds/aggregate?method=majority", token: pat.token)
            #expect(majority.text.contains(#""method":"majority""#), "\(majority.text)")
        }
    }

    @Test func anUnknownMethodOrOneTheAnswerCannotUseIs422NamingTheField() async throws {
        try await TestServer.inProcess { server in
            let pat = try await server.addUser("pat", role: .practitioner)
            let cases: [(String, String, String)] = [
                ("single", "bayes", #"consensus: use majority or dawid-skene (got \"bayes\")"#),
                ("multiple", "dawid-skene", "consensus: dawid-skene needs one label per answer (single choice or rating)"),
            ]
            for (answer, consensus, message) in cases {
                let refused = try await server.client.postRaw(
                    "/api/v1/tasks", Data(Self.taskBody(answer: answer, consensus: consensus).utf8),
                    contentType: "application/json", token: pat.token)
                #expect(refused.status == 422, "\(consensus): \(refused.status)")
                #expect(refused.text.contains(message), "\(consensus): \(refused.text)")
            }
            #expect(try server.count("task") == 0)
        }
    }

    @Test func theFormChoosesTheMethodFromAPlainSelect() async throws {
        try await TestServer.inProcess { server in
            try await server.addUser("pat", role: .practitioner, withPassword: true)
            let client = server.client
            let cookie = try await client.login("pat")
            let csrf = try await client.csrfToken(on: "/tasks/new", cookie: cookie)
            let page = try await client.get("/tasks/new", cookie: cookie).text
            #expect(page.contains(#"<select id="consensus" name="consensus"><option value="majority" selected>"#))
            let fields = BrowserSessionTests.taskFields(csrf: csrf, name: "birds")
            let refused = try await client.postForm("/tasks/new", fields + [("consensus", "bayes")], cookie: cookie)
            #expect(refused.status == 422)
            #expect(
                refused.text.contains(#"<p class="field-error" id="consensus-error">Choose majority share or Dawid–Skene.</p>"#))
            #expect(try server.count("task") == 0)
            let created = try await client.postForm("/tasks/new", fields + [("consensus", "dawid-skene")], cookie: cookie)
            #expect(created.status == 303, "\(created.text)")
            let pat = try #require(try server.database.user(named: "pat"))
            let task = try await server.database.task(named: "birds", visibleTo: pat)
            #expect(task.consensus == .dawidSkene)
            let edit = try await client.get("/tasks/birds/edit", cookie: cookie).text
            #expect(edit.contains(#"<option value="dawid-skene" selected>"#))
        }
    }
}
