import Foundation
import GRDB
import LabelbenchCore
import LabelbenchServer
import Testing

/// A `GET` changes no stored data, whoever sends it: every page and API read is sent by an admin, a
/// practitioner and an annotator, and every table reads the same afterwards. The one exception is the
/// annotator's next item, which may take or renew their lease.
@Suite struct ReadsChangeNothingTests {
    static let pages = [
        "/", "/login", "/setup", "/account/password", "/admin/users", "/healthz", "/tasks", "/tasks/new",
        "/tasks?shelf=archived", "/tasks/t1/edit", "/tasks/t1/delete", "/tasks/t1/export", "/tasks/t1/progress",
        "/tasks/t1/quality", "/tasks/t1/review?item=a1", "/queue", "/queue/t1", "/queue/t1/previous",
        "/queue/t1?answered=1", "/artifacts", "/artifacts/t1/v0", "/artifacts/t1/v0/files/labels.jsonl",
        "/media/0000", "/tasks/t1/edit?from_item=a1", "/tasks/t1/edit?from_flag=1", "/tasks/t1/items",
        "/tasks/t1/items?state=contested&q=item",
    ]
    static let api = [
        "/api/v1/openapi.json", "/api/v1/tasks", "/api/v1/tasks/t1", "/api/v1/tasks/t1/next",
        "/api/v1/tasks/t1/annotations", "/api/v1/tasks/t1/agreement", "/api/v1/tasks/t1/agreement?level=ordinal",
        "/api/v1/tasks/t1/aggregate", "/api/v1/tasks/t1/aggregate?method=dawid-skene", "/api/v1/tasks/t1/adjudications",
        "/api/v1/tasks/t1/flags", "/api/v1/tasks/t1/items", "/api/v1/tasks/t1/items?q=number&sort=agreement",
        "/api/v1/artifacts", "/api/v1/artifacts/t1/versions", "/api/v1/artifacts/t1/v0",
        "/api/v1/artifacts/t1/v0/manifest", "/api/v1/artifacts/t1/latest/files/labels.jsonl", "/api/v1/users",
    ]

    /// Reads that answer no one here with 200: the root only redirects, setup is done, no image was uploaded.
    static let neverServed: Set<String> = ["/", "/setup", "/media/0000"]

    @Test func everyReadLeavesEveryTableAsItWasButTheLease() async throws {
        try await TestServer.inProcess { server in
            let admin = try await server.addUser("root", role: .admin, withPassword: true)
            let pat = try await server.addUser("pat", role: .practitioner, withPassword: true)
            let ann = try await server.addUser("ann", role: .annotator, withPassword: true)
            let ben = try await server.addUser("ben", role: .annotator, withPassword: true)
            try await server.addTask("t1", overlap: 2, annotators: ["ann", "ben", "pat"])
            let client = server.client
            #expect(try await client.importItems("t1", TestClient.itemLines(2, prefix: "a"), token: pat.token).status == 201)
            _ = try await client.labelUntilDone("t1", token: ann.token, label: "yes")
            _ = try await client.labelUntilDone("t1", token: ben.token, label: "no")
            let flag = try await client.postJSON(
                "/api/v1/tasks/t1/items/a1/flags", ["reason": "ambiguous", "note": "?"], token: ann.token)
            #expect(flag.status == 201, "\(flag.text)")
            #expect(try await client.postJSON("/api/v1/tasks/t1/exports", [String: Any](), token: pat.token).status == 201)
            // An item left to label: the annotator's lease on it is the one change a read may make.
            #expect(try await client.importItems("t1", TestClient.itemLines(1, prefix: "b"), token: pat.token).status == 201)
            #expect(try await client.next("t1", token: ann.token)?.item == "b0")

            var cookies: [String] = []
            for name in ["root", "pat", "ann"] { cookies.append(try await client.login(name)) }
            let before = try Self.tables(server.database)
            // Each read is answered 200 to someone, so the sweep reaches every handler, not only its guard.
            var answered: [String: Set<Int>] = [:]
            for path in Self.pages {
                for cookie in cookies + [""] {
                    let status = try await client.get(path, cookie: cookie.isEmpty ? nil : cookie).status
                    answered[path, default: []].insert(status)
                }
            }
            for path in Self.api {
                for token in [admin.token, pat.token, ann.token] {
                    answered[path, default: []].insert(try await client.get(path, token: token).status)
                }
            }
            let unserved = answered.filter { !$0.value.contains(200) && !Self.neverServed.contains($0.key) }
            #expect(unserved.isEmpty, "\(unserved)")
            #expect(!answered.values.contains { $0.contains { $0 >= 500 } }, "\(answered)")
            let after = try Self.tables(server.database)
            for (table, rows) in before {
                #expect(after[table] == rows, "a read changed the table \(table)")
            }
            #expect(Set(after.keys) == Set(before.keys))
        }
    }

    /// The columns that count an item's live leases: a lease taken by a read moves them with it.
    static let leaseCounts: Set<String> = ["assigned", "full"]

    /// Every row of every table, as text: enough to see any change. The lease table and the item's
    /// lease counts are left out (the one exception), and so is the full-text index (`item_fts` and its
    /// tables), which a search brings up to date with the items: an index, not stored data.
    static func tables(_ database: AppDatabase) throws -> [String: [String]] {
        try database.writer.read { db in
            let names = try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            var tables: [String: [String]] = [:]
            for name in names where name != "lease" && !name.hasPrefix("item_fts") {
                let columns = try db.columns(in: name).map(\.name)
                    .filter { name != "item" || !leaseCounts.contains($0) }
                    .map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
                let table = "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                let sql = "SELECT \(columns.joined(separator: ", ")) FROM \(table)"
                tables[name] = try Row.fetchAll(db, sql: sql).map(\.description).sorted()
            }
            return tables
        }
    }
}
