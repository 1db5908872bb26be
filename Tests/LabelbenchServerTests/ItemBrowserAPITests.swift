import Foundation
import LabelbenchCore
import Testing

/// The item browser over the API (issue 15): every state, each filter alone and combined, bad
/// parameters, who may list, and keyset walks that see every item once while items are added.
@Suite struct ItemBrowserAPITests {
    /// A task `browse` (overlap 2) whose items a0…a8 stand in each state once, in order: adjudicated,
    /// flagged, gold, paused_only, contested, done, in_progress (an annotation), unlabeled, in_progress (a lease).
    static func withBrowseTask(_ body: @Sendable (TestServer, Account) async throws -> Void) async throws {
        try await TestServer.inProcess { server in
            let pat = try await server.addUser("pat", role: .practitioner, withPassword: true)
            let ann = try await server.addUser("ann", role: .annotator, withPassword: true)
            try await server.addTask("browse", overlap: 2, annotators: ["ann"])
            let items = [
                #"{"id":"a0","text":"the red fox","meta":{"city":"Oslo"}}"#,
                #"{"id":"a1","text":"a blue whale","meta":{"city":"Oslo"}}"#,
                #"{"id":"a2","text":"green grass","gold":"no"}"#,
                #"{"id":"a3","text":"red apple","meta":{"city":"Bergen"}}"#,
                #"{"id":"a4","text":"red wine"}"#,
                #"{"id":"a5","text":"yellow sun"}"#,
                #"{"id":"a6","text":"purple rain"}"#,
                #"{"id":"a7","text":"grey cloud"}"#,
                #"{"id":"a8","text":"white snow","meta":{"city":"Bergen","year":2024}}"#,
            ]
            let imported = try await server.client.importItems("browse", items.joined(separator: "\n"), token: pat.token)
            #expect(imported.status == 201, "\(imported.text)")
            let annotations = [
                ("a0", "ann", "yes"), ("a0", "bob", "no"), ("a1", "ann", "yes"), ("a3", "pia", "yes"), ("a4", "ann", "yes"),
                ("a4", "bob", "no"), ("a5", "ann", "yes"), ("a5", "bob", "yes"), ("a6", "ann", "yes"),
            ].map { #"{"item":"\#($0.0)","annotator":"\#($0.1)","label":"\#($0.2)"}"# }
            let labeled = try await server.client.postRaw(
                "/api/v1/tasks/browse/annotations/import", Data(annotations.joined(separator: "\n").utf8),
                contentType: "application/x-ndjson", token: pat.token)
            #expect(labeled.status == 201, "\(labeled.text)")
            let ruled = try await server.client.send(
                "PUT", "/api/v1/tasks/browse/adjudications",
                body: try JSONSerialization.data(withJSONObject: ["item": "a0", "label": "no"]),
                headers: ["Content-Type": "application/json"], token: pat.token)
            #expect(ruled.status == 200, "\(ruled.text)")
            let flagged = try await server.client.postJSON(
                "/api/v1/tasks/browse/items/a1/flags", ["reason": "ambiguous"], token: ann.token)
            #expect(flagged.status == 201, "\(flagged.text)")
            try await server.database.writer.write { db in
                try db.execute(sql: "UPDATE annotation SET trusted = 0 WHERE user_id = (SELECT id FROM user WHERE name = 'pia')")
                try db.execute(
                    sql: """
                        INSERT INTO lease (item_id, user_id, task_id, token, guideline_version, created_at, expires_at)
                        SELECT item.id, user.id, item.task_id, 'lease-a8', 1, 0, 1e12 FROM item, user
                        WHERE item.external_id = 'a8' AND user.name = 'ann'
                        """)
            }
            try await body(server, pat)
        }
    }

    /// `GET …/items?QUERY` as `token`.
    static func list(_ server: TestServer, _ query: String, task: String = "browse", token: String) async throws -> HTTPResult {
        try await server.client.get("/api/v1/tasks/\(task)/items" + (query.isEmpty ? "" : "?" + query), token: token)
    }

    /// The item ids of one page, which must be answered 200.
    static func ids(_ server: TestServer, _ query: String, token: String) async throws -> [String] {
        let result = try await list(server, query, token: token)
        #expect(result.status == 200, "\(query): \(result.status) \(result.text)")
        return (result.json["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    }

    @Test func everyItemHasItsStateLabelsAgreementAnnotatorsAndFlags() async throws {
        try await Self.withBrowseTask { server, pat in
            let result = try await Self.list(server, "", token: pat.token)
            #expect(result.status == 200 && result.json["next_cursor"] is NSNull, "\(result.text)")
            let items = try #require(result.json["items"] as? [[String: Any]])
            #expect(items.compactMap { $0["id"] as? String } == (0..<9).map { "a\($0)" })
            #expect(
                items.compactMap { $0["state"] as? String } == [
                    "adjudicated", "flagged", "gold", "paused_only", "contested", "done", "in_progress", "unlabeled",
                    "in_progress",
                ])
            #expect(items[4]["labels"] as? [String: Int] == ["yes": 1, "no": 1])
            #expect(items[4]["agreement"] as? Double == 0 && items[5]["agreement"] as? Double == 1)
            #expect(items[6]["agreement"] is NSNull && items[7]["labels"] as? [String: Int] == [:])
            #expect(items[5]["annotators"] as? [String] == ["ann", "bob"])
            #expect(items[3]["annotators"] as? [String] == ["pia"] && items[3]["labels"] as? [String: Int] == [:])
            #expect(items[1]["flags"] as? Int == 1 && items[0]["flags"] as? Int == 0)
        }
    }

    @Test func eachFilterAlone() async throws {
        try await Self.withBrowseTask { server, pat in
            let expected: [(String, [String])] = [
                ("state=adjudicated", ["a0"]), ("state=flagged", ["a1"]), ("state=gold", ["a2"]),
                ("state=paused_only", ["a3"]), ("state=contested", ["a4"]), ("state=done", ["a5"]),
                ("state=in_progress", ["a6", "a8"]), ("state=unlabeled", ["a7"]),
                // A counted annotation (a4), a ruling (a0) or a gold answer (a2) gives the label.
                ("label=no", ["a0", "a2", "a4"]), ("annotator=bob", ["a0", "a4", "a5"]), ("annotator=pia", ["a3"]),
                ("annotator=nobody", []), ("agreement_below=0.5", ["a0", "a4"]), ("agreement_below=1.5", ["a0", "a4", "a5"]),
                ("q=red", ["a0", "a3", "a4"]), ("q=re*", ["a0", "a3", "a4"]), ("q=ra*", ["a6"]), ("q=%22red+wine%22", ["a4"]),
                ("meta.city=Oslo", ["a0", "a1"]), ("meta.year=2024", ["a8"]), ("meta=city%3DBergen", ["a3", "a8"]),
                ("sort=agreement", ["a0", "a4", "a5", "a1", "a2", "a3", "a6", "a7", "a8"]), ("sort=id", (0..<9).map { "a\($0)" }),
                ("limit=3", ["a0", "a1", "a2"]), ("state=&label=&q=", (0..<9).map { "a\($0)" }),
            ]
            for (query, wanted) in expected {
                let listed = try await Self.ids(server, query, token: pat.token)
                #expect(listed == wanted, "\(query)")
            }
        }
    }

    @Test func filtersCombine() async throws {
        try await Self.withBrowseTask { server, pat in
            let expected: [(String, [String])] = [
                ("label=yes&meta.city=Oslo", ["a0", "a1"]), ("q=red&agreement_below=0.5", ["a0", "a4"]),
                ("state=contested&label=no&annotator=bob&q=red", ["a4"]), ("annotator=bob&state=done", ["a5"]),
                ("meta.city=Bergen&q=snow", ["a8"]), ("meta.city=Bergen&meta.year=2024", ["a8"]),
                ("meta.city=Oslo&meta.city=Bergen", []), ("sort=agreement&annotator=bob", ["a0", "a4", "a5"]),
                ("sort=agreement&agreement_below=0.5", ["a0", "a4"]), ("q=red&state=paused_only", ["a3"]),
            ]
            for (query, wanted) in expected {
                let listed = try await Self.ids(server, query, token: pat.token)
                #expect(listed == wanted, "\(query)")
            }
        }
    }

    @Test func badParametersAreRefusedNamingThem() async throws {
        try await Self.withBrowseTask { server, pat in
            let refused: [(String, String)] = [
                ("state=nope", "state"), ("limit=0", "limit"), ("limit=501", "limit"), ("limit=ten", "limit"),
                ("agreement_below=low", "agreement_below"), ("agreement_below=nan", "agreement_below"), ("sort=name", "sort"),
                ("cursor=garbage", "cursor"), ("q=%22unclosed", "q"), ("q=AND", "q"), ("colour=red", "colour"),
                ("meta.=x", "meta."), ("meta=novalue", "meta"), ("state=done&state=gold", "state"), ("label=%ZZ", "label"),
                ("sort=agreement&cursor=aTo1", "cursor"),
            ]
            for (query, name) in refused {
                let result = try await Self.list(server, query, token: pat.token)
                #expect(result.status == 422, "\(query): \(result.status) \(result.text)")
                #expect(result.errorMessage?.hasPrefix(name) == true, "\(query): \(result.errorMessage ?? result.text)")
            }
            // A cursor of one order is not one of the other.
            let first = try await Self.list(server, "limit=2", token: pat.token)
            let cursor = try #require(first.json["next_cursor"] as? String)
            #expect(try await Self.list(server, "sort=agreement&cursor=\(cursor)", token: pat.token).status == 422)
        }
    }

    @Test func onlyThoseWhoManageTheTaskMayList() async throws {
        try await Self.withBrowseTask { server, pat in
            let ann = try await server.addUser("ann2", role: .annotator)
            try await server.database.assignAnnotator("ann2", toTask: "browse")
            let admin = try await server.addUser("root", role: .admin)
            #expect(try await Self.list(server, "", token: ann.token).status == 403)
            #expect(try await server.client.get("/api/v1/tasks/browse/items").status == 401)
            #expect(try await Self.list(server, "", task: "nosuch", token: pat.token).status == 404)
            #expect(try await Self.list(server, "", token: admin.token).status == 200)
        }
    }

    @Test func aWalkSeesEveryItemOnceWhileItemsAreAdded() async throws {
        try await TestServer.inProcess { server in
            let pat = try await server.addUser("pat", role: .practitioner)
            try await server.addTask("walk")
            #expect(try await server.client.importItems("walk", TestClient.itemLines(57), token: pat.token).status == 201)
            for query in ["limit=10", "limit=7&q=item", "limit=4&sort=agreement"] {
                var seen: [String] = []
                var cursor: String?
                var added = 0
                repeat {
                    let page = try await Self.list(
                        server, query + (cursor.map { "&cursor=\($0)" } ?? ""), task: "walk", token: pat.token)
                    #expect(page.status == 200, "\(page.text)")
                    seen += (page.json["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                    cursor = page.json["next_cursor"] as? String
                    // Items arrive between pages; the walk must still see every earlier item once.
                    let lines = TestClient.itemLines(3, prefix: "new\(query.count)-\(added)-")
                    #expect(try await server.client.importItems("walk", lines, token: pat.token).status == 201)
                    added += 1
                } while cursor != nil && added < 100
                #expect(Set(seen).count == seen.count, "\(query): an item came twice")
                #expect(Set((0..<57).map { "i\($0)" }).isSubset(of: Set(seen)), "\(query): an item was missed")
            }
        }
    }

    @Test func anAgreementWalkGoesFromTheLowestToTheItemsWithoutOne() async throws {
        try await Self.withBrowseTask { server, pat in
            var seen: [String] = []
            var cursor: String?
            repeat {
                let page = try await Self.list(
                    server, "sort=agreement&limit=2" + (cursor.map { "&cursor=\($0)" } ?? ""), token: pat.token)
                #expect(page.status == 200, "\(page.text)")
                seen += (page.json["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                cursor = page.json["next_cursor"] as? String
            } while cursor != nil && seen.count < 50
            #expect(seen == ["a0", "a4", "a5", "a1", "a2", "a3", "a6", "a7", "a8"])
        }
    }
}
