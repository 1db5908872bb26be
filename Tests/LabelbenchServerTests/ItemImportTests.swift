import Foundation
import LabelbenchCore
import Testing

/// `POST /api/v1/tasks/TASK/items`: atomic imports that name the bad line; gold stays hidden.
@Suite struct ItemImportTests {
    @Test func duplicateIDFailsWithItsLineAndImportsNothing() async throws {
        try await TestServer.inProcess { server in
            let pat = try await server.addUser("pat", role: .practitioner)
            try await server.addTask("dups")
            let body = #"""
                {"id":"a1","text":"one"}
                {"id":"a2","text":"two"}
                {"id":"a1","text":"three"}

                """#
            let result = try await server.client.importItems("dups", body, token: pat.token)
            #expect((400..<500).contains(result.status), "\(result.status) \(result.text)")
            let message = try #require(result.errorMessage)
            #expect(message.contains("line 3"), "\(message)")
            #expect(try server.count("item") == 0)
        }
    }

    @Test func malformedLineFailsNamingItsLine() async throws {
        try await TestServer.inProcess { server in
            let pat = try await server.addUser("pat", role: .practitioner)
            try await server.addTask("broken")
            let body = "{\"id\":\"b1\",\"text\":\"fine\"}\n{\"id\":\"b2\",\"text\":\"also fine\"}\n{\"id\": \"b3\", \"text\": \n"
            let result = try await server.client.importItems("broken", body, token: pat.token)
            #expect((400..<500).contains(result.status), "\(result.status) \(result.text)")
            let message = try #require(result.errorMessage)
            #expect(message.contains("line 3"), "\(message)")
            #expect(try server.count("item") == 0)
        }
    }

    @Test func reimportingAnExistingIDIsRefused() async throws {
        try await TestServer.inProcess { server in
            let pat = try await server.addUser("pat", role: .practitioner)
            try await server.addTask("again")
            #expect(try await server.client.importItems("again", TestClient.itemLines(3), token: pat.token).status == 201)
            let second = try await server.client.importItems(
                "again", "{\"id\":\"new\",\"text\":\"x\"}\n{\"id\":\"i1\",\"text\":\"x\"}\n", token: pat.token)
            #expect((400..<500).contains(second.status))
            #expect(second.errorMessage?.contains("line 2") == true, "\(second.text)")
            #expect(try server.count("item") == 3)
        }
    }

    @Test func csvImportWorks() async throws {
        try await TestServer.inProcess { server in
            let pat = try await server.addUser("pat", role: .practitioner)
            try await server.addTask("csv")
            let body = "id,text,gold\nc1,\"hello, world\",yes\nc2,plain text,no\nc3,\"with \"\"quotes\"\"\",yes\n"
            let result = try await server.client.importItems("csv", body, csv: true, token: pat.token)
            #expect(result.status == 201, "\(result.text)")
            #expect(result.json["imported"] as? Int == 3)
            #expect(try server.count("item") == 3)
        }
    }

    @Test func goldAnswersNeverAppearInNext() async throws {
        try await TestServer.inProcess { server in
            let pat = try await server.addUser("pat", role: .practitioner)
            let ann = try await server.addUser("ann", role: .annotator)
            try await server.addTask("golden", labels: ["goldlabel-yes", "goldlabel-no"], annotators: ["ann"])
            let lines = (0..<10).map { #"{"id":"g\#($0)","text":"item \#($0)","gold":"goldlabel-yes"}"# }.joined(separator: "\n")
            let imported = try await server.client.importItems("golden", lines + "\n", token: pat.token)
            #expect(imported.status == 201, "\(imported.text)")
            var seen = 0
            while let next = try await server.client.next("golden", token: ann.token) {
                #expect(!next.body.contains("gold"), "\(next.body)")
                let submitted = try await server.client.submit(
                    "golden", item: next.item, label: "goldlabel-no", lease: next.lease, token: ann.token)
                #expect(submitted.status == 201)
                // The gold answer comes only after the answer is stored, as feedback on a wrong one.
                #expect((submitted.json["feedback"] as? [String: Any])?["expected"] as? String == "goldlabel-yes")
                seen += 1
                if seen > 20 { break }
            }
            #expect(seen == 10)
        }
    }
}
