import Foundation
import LabelbenchCore
import Testing

/// Accounts and ownership (hardening findings 4, 5, 6 and 13): who gets items, who may fill a
/// collection, offboarding, and the sign-in form's CSRF defence.
@Suite struct AccountsTests {
    // MARK: - Finding 4: only assigned people label

    @Test func unassignedPractitionersAndAdminsGetNoItemsAndCannotAnswer() async throws {
        try await TestServer.inProcess { server in
            let admin = try await server.addUser("root", role: .admin, withPassword: true)
            let pat = try await server.addUser("pat", role: .practitioner)
            let ann = try await server.addUser("ann", role: .annotator)
            try await server.addTask("birds", overlap: 2, annotators: ["ann"])
            #expect(try await server.client.importItems("birds", TestClient.itemLines(3), token: pat.token).status == 201)
            let client = server.client
            for account in [admin, pat] {
                #expect(try await client.get("/api/v1/tasks/birds/next", token: account.token).status == 404, "\(account.name)")
                #expect(
                    try await client.submit("birds", item: "i0", label: "yes", token: account.token).status == 404,
                    "\(account.name)")
                #expect(try await client.postJSON("/api/v1/tasks/birds/skip", ["item": "i0"], token: account.token).status == 404)
            }
            #expect(try server.count("lease") == 0)
            #expect(try server.count("annotation") == 0)
            #expect(try server.count("skip") == 0)

            // The admin's queue page lists no task and serves none, until the admin is assigned.
            let cookie = try await client.login("root")
            let queue = try await client.get("/queue", cookie: cookie)
            #expect(queue.status == 200)
            #expect(!queue.text.contains("/queue/birds"))
            #expect(try await client.get("/queue/birds", cookie: cookie).status == 404)
            try await server.database.assignAnnotator("root", toTask: "birds")
            #expect(try await client.get("/queue", cookie: cookie).text.contains("/queue/birds"))
            #expect(try await client.next("birds", token: admin.token) != nil)
            #expect(try await client.next("birds", token: ann.token) != nil)
        }
    }

    // MARK: - Finding 5: a collection belongs to one task

    @Test func exportingIntoAnotherTasksCollectionIsRefusedUnlessForced() async throws {
        try await TestServer.inProcess { server in
            let pat = try await server.addUser("pat", role: .practitioner)
            let ann = try await server.addUser("ann", role: .annotator)
            try await server.addTask("t1", annotators: ["ann"])
            try await server.addTask("t2", annotators: ["ann"])
            let client = server.client
            for task in ["t1", "t2"] {
                #expect(try await client.importItems(task, TestClient.itemLines(2, prefix: task), token: pat.token).status == 201)
                _ = try await client.labelUntilDone(task, token: ann.token)
            }
            let first = try await client.postJSON("/api/v1/tasks/t2/exports", [String: Any](), token: pat.token)
            #expect(first.status == 201, "\(first.text)")
            #expect(first.json["reference"] as? String == "t2:v0")

            let refused = try await client.postJSON("/api/v1/tasks/t1/exports", ["name": "t2"], token: pat.token)
            #expect(refused.status == 409, "\(refused.text)")
            #expect(refused.errorMessage?.contains("t2") == true)
            let versions = try await client.get("/api/v1/artifacts/t2/versions", token: pat.token)
            #expect(!versions.text.contains("v1"))

            let forced = try await client.postJSON("/api/v1/tasks/t1/exports", ["name": "t2", "force": true], token: pat.token)
            #expect(forced.status == 201, "\(forced.text)")
            let manifest = try await client.get("/api/v1/artifacts/t2/v1/manifest", token: pat.token)
            let lineage = try #require(manifest.json["lineage"] as? [String: Any])
            #expect(lineage["task"] as? String == "t1")
            #expect(lineage["forced_into_collection_of_task"] as? String == "t2")
            // The owner is unchanged: t2 still exports into its own collection without force.
            #expect(try await client.postJSON("/api/v1/tasks/t2/exports", [String: Any](), token: pat.token).status == 200)
            #expect(try await client.postJSON("/api/v1/tasks/t1/exports", ["force": "yes"], token: pat.token).status == 422)
        }
    }

    // MARK: - Finding 6: offboarding

    @Test func disablingEndsSessionsAndRefusesTokensAtOnce() async throws {
        try await TestServer.inProcess { server in
            let admin = try await server.addUser("root", role: .admin)
            let ann = try await server.addUser("ann", role: .annotator, withPassword: true)
            let client = server.client
            let cookie = try await client.login("ann")
            #expect(try await client.get("/queue", cookie: cookie).status == 200)
            #expect(try await client.get("/api/v1/tasks", token: ann.token).status == 200)

            let disabled = try await client.send(
                "PATCH", "/api/v1/users/ann", body: Data(#"{"disabled": true}"#.utf8),
                headers: ["Content-Type": "application/json"],
                token: admin.token)
            #expect(disabled.status == 200, "\(disabled.text)")
            #expect(disabled.json["disabled"] as? Bool == true)
            #expect(try await client.get("/api/v1/tasks", token: ann.token).status == 401)
            #expect(try await client.get("/queue", cookie: cookie).status == 303)
            #expect(try server.count("session") == 0)
            let again = try await client.postLogin("name=ann&password=\(TestServer.password)")
            #expect(again.status == 422)
            #expect(again.sessionCookie == nil)

            let enabled = try await client.send(
                "PATCH", "/api/v1/users/ann", body: Data(#"{"disabled": false}"#.utf8),
                headers: ["Content-Type": "application/json"],
                token: admin.token)
            #expect(enabled.status == 200)
            #expect(try await client.get("/api/v1/tasks", token: ann.token).status == 200)
            _ = try await client.login("ann")
        }
    }

    @Test func revokingTokensLeavesSessionsAlone() async throws {
        try await TestServer.inProcess { server in
            let ann = try await server.addUser("ann", role: .annotator, withPassword: true)
            let cookie = try await server.client.login("ann")
            try server.database.revokeTokens(forUser: "ann")
            #expect(try await server.client.get("/api/v1/tasks", token: ann.token).status == 401)
            #expect(try await server.client.get("/queue", cookie: cookie).status == 200)
        }
    }

    @Test func usersAPIIsForAdminsAndTakesOneKnownField() async throws {
        try await TestServer.inProcess { server in
            let admin = try await server.addUser("root", role: .admin)
            let pat = try await server.addUser("pat", role: .practitioner, withPassword: true)
            let client = server.client
            func patch(_ name: String, _ body: String, token: String) async throws -> HTTPResult {
                try await client.send(
                    "PATCH", "/api/v1/users/\(name)", body: Data(body.utf8), headers: ["Content-Type": "application/json"],
                    token: token)
            }
            #expect(try await patch("root", #"{"disabled": true}"#, token: pat.token).status == 403)
            #expect(try await client.get("/api/v1/users", token: pat.token).status == 403)
            for body in [
                #"{"disabled": true, "role": "admin"}"#, #"{"disabled": "yes"}"#, #"{"role": "boss"}"#, #"{"colour": 1}"#, "{}",
                "[1]", "nope",
            ] {
                let refused = try await patch("pat", body, token: admin.token)
                #expect(refused.status == 422, "\(body): \(refused.status) \(refused.text)")
            }
            #expect(try await patch("nobody", #"{"disabled": true}"#, token: admin.token).status == 404)
            // The last enabled admin can be neither disabled nor demoted.
            #expect(try await patch("root", #"{"disabled": true}"#, token: admin.token).status == 409)
            #expect(try await patch("root", #"{"role": "annotator"}"#, token: admin.token).status == 409)

            let promoted = try await patch("pat", #"{"role": "admin"}"#, token: admin.token)
            #expect(promoted.status == 200)
            #expect(promoted.json["role"] as? String == "admin")
            let cookie = try await client.login("pat")
            #expect(try await patch("pat", #"{"password": "a-new-long-password"}"#, token: admin.token).status == 200)
            #expect(try await client.get("/tasks", cookie: cookie).status == 303)
            #expect(try await client.postLogin("name=pat&password=\(TestServer.password)").status == 422)
            _ = try await client.login("pat", password: "a-new-long-password")
            #expect(try await patch("pat", #"{"password": "short"}"#, token: admin.token).status == 422)

            let listed = try await client.get("/api/v1/users", token: admin.token)
            #expect(listed.status == 200)
            #expect(listed.text.contains(#""name":"pat""#))
            #expect(!listed.text.contains("hash"))
        }
    }

    @Test func changingOwnPasswordEndsOtherSessionsOnly() async throws {
        try await TestServer.inProcess { server in
            try await server.addUser("ann", role: .annotator, withPassword: true)
            let client = server.client
            let here = try await client.login("ann")
            let elsewhere = try await client.login("ann")
            let csrf = try await client.csrfToken(on: "/account/password", cookie: here)

            let wrong = try await client.postForm(
                "/account/password",
                [
                    ("csrf", csrf), ("current", "not-it-at-all"), ("password", "brand-new-secret"),
                    ("password2", "brand-new-secret"),
                ],
                cookie: here)
            #expect(wrong.status == 422)
            #expect(wrong.text.contains("current password is wrong"))
            let forged = try await client.postForm(
                "/account/password",
                [("current", TestServer.password), ("password", "brand-new-secret"), ("password2", "brand-new-secret")],
                cookie: here)
            #expect(forged.status == 403)

            let changed = try await client.postForm(
                "/account/password",
                [
                    ("csrf", csrf), ("current", TestServer.password), ("password", "brand-new-secret"),
                    ("password2", "brand-new-secret"),
                ],
                cookie: here)
            #expect(changed.status == 303)
            #expect(try await client.get("/queue", cookie: here).status == 200)
            #expect(try await client.get("/queue", cookie: elsewhere).status == 303)
            _ = try await client.login("ann", password: "brand-new-secret")
        }
    }

    @Test func adminPageDisablesResetsChangesRoleAndRemovesAssignments() async throws {
        try await TestServer.inProcess { server in
            try await server.addUser("root", role: .admin, withPassword: true)
            let ann = try await server.addUser("ann", role: .annotator, withPassword: true)
            try await server.addTask("birds", annotators: ["ann"])
            let client = server.client
            let cookie = try await client.login("root")
            let page = try await client.get("/admin/users", cookie: cookie)
            #expect(page.status == 200)
            #expect(page.text.contains(#"action="/admin/users/ann""#))
            #expect(page.text.contains(#"name="task" value="birds""#))
            let csrf = try TestClient.hiddenField("csrf", in: page.text)
            let annCookie = try await client.login("ann")

            let disable = try await client.postForm("/admin/users/ann", [("csrf", csrf), ("change", "disable")], cookie: cookie)
            #expect(disable.status == 303)
            #expect(try await client.get("/queue", cookie: annCookie).status == 303)
            #expect(try await client.get("/api/v1/tasks", token: ann.token).status == 401)
            #expect(try await client.get("/admin/users", cookie: cookie).text.contains("disabled"))
            #expect(
                try await client.postForm("/admin/users/ann", [("csrf", csrf), ("change", "enable")], cookie: cookie).status
                    == 303)

            let short = try await client.postForm(
                "/admin/users/ann", [("csrf", csrf), ("change", "password"), ("password", "short")], cookie: cookie)
            #expect(short.status == 422)
            #expect(short.text.contains("8 to 72"))
            #expect(
                try await client.postForm(
                    "/admin/users/ann", [("csrf", csrf), ("change", "password"), ("password", "reset-by-the-admin")],
                    cookie: cookie
                ).status == 303)
            _ = try await client.login("ann", password: "reset-by-the-admin")

            #expect(
                try await client.postForm(
                    "/admin/users/ann", [("csrf", csrf), ("change", "role"), ("role", "practitioner")], cookie: cookie
                ).status == 303)
            #expect(try server.database.user(named: "ann")?.role == .practitioner)
            #expect(try await client.postForm("/admin/users/ann", [("change", "disable")], cookie: cookie).status == 403)

            let removed = try await client.postForm(
                "/admin/assignments/remove", [("csrf", csrf), ("user", "ann"), ("task", "birds")], cookie: cookie)
            #expect(removed.status == 303)
            #expect(try server.count("task_annotator") == 0)
            #expect(
                try await client.postForm(
                    "/admin/assignments/remove", [("csrf", csrf), ("user", "ann"), ("task", "birds")], cookie: cookie
                ).status == 422)
        }
    }

    // MARK: - Finding 13 and the fresh-install hint

    @Test func aSignInPostWithoutTheLoginTokenIsRefused() async throws {
        try await TestServer.inProcess { server in
            try await server.addUser("pat", role: .practitioner, withPassword: true)
            let client = server.client
            let form = ["Content-Type": "application/x-www-form-urlencoded"]
            // A cross-site form post: no login cookie, no token.
            let forged = try await client.send(
                "POST", "/login", body: Data("name=pat&password=\(TestServer.password)".utf8), headers: form)
            #expect(forged.status == 403)
            #expect(forged.sessionCookie == nil)
            // A token without its cookie, or a cookie with another token, is refused as well.
            let page = try await client.get("/login")
            let csrf = try TestClient.hiddenField("csrf", in: page.text)
            let tokenOnly = try await client.send(
                "POST", "/login", body: Data("csrf=\(csrf)&name=pat&password=\(TestServer.password)".utf8), headers: form)
            #expect(tokenOnly.status == 403)
            let mismatched = try await client.send(
                "POST", "/login",
                body: Data("csrf=\(String(repeating: "0", count: 64))&name=pat&password=\(TestServer.password)".utf8),
                headers: form.merging(["Cookie": "labelbench_login=\(String(repeating: "A", count: 43))"]) { $1 })
            #expect(mismatched.status == 403)
            #expect(mismatched.sessionCookie == nil)
            #expect(try await client.postLogin("name=pat&password=\(TestServer.password)").status == 303)
        }
    }

    @Test func theLoginPageOfAFreshInstallPointsToSetup() async throws {
        try await TestServer.inProcess { server in
            #expect(try await server.client.get("/login").text.contains("No accounts exist yet"))
            try await server.addUser("pat", role: .practitioner)
            #expect(!(try await server.client.get("/login").text.contains("No accounts exist yet")))
        }
    }
}
