import Foundation
import LabelbenchCore
import Testing

/// The item browser page (issue 15): a plain table under a GET filter form, rows linking to the
/// review page, the next page's link, escaping, and who may see it.
@Suite struct ItemBrowserPageTests {
    @Test func thePageListsFiltersAndPagesItemsLinkingToTheirReview() async throws {
        try await ItemBrowserAPITests.withBrowseTask { server, _ in
            let cookie = try await server.client.login("pat")
            let page = try await server.client.get("/tasks/browse/items", cookie: cookie)
            #expect(page.status == 200 && page.header("Content-Type")?.hasPrefix("text/html") == true)
            for shown in [
                #"<a href="/tasks/browse/review?item=a4">a4</a>"#, "contested", "paused only", "no × 1, yes × 1", "0.00",
                "1.00", "ann, bob", #"name="state""#, #"name="meta""#, #"<option value="contested">contested</option>"#,
                #"href="/tasks/browse/quality""#,
            ] {
                #expect(
                    page.text.contains(shown) || page.text.contains(shown.replacingOccurrences(of: "×", with: "&#215;")),
                    "\(shown)")
            }
            #expect(!page.text.contains("Next page"), "nine items fit one page")

            let filtered = try await server.client.get("/tasks/browse/items?state=contested&label=&q=red", cookie: cookie)
            #expect(filtered.status == 200 && filtered.text.contains("review?item=a4"), "\(filtered.text)")
            #expect(!filtered.text.contains("review?item=a0") && !filtered.text.contains("review?item=a5"))
            #expect(filtered.text.contains(#"<option value="contested" selected>"#) && filtered.text.contains(#"value="red""#))

            let first = try await server.client.get("/tasks/browse/items?limit=2&meta=city%3DOslo&meta=", cookie: cookie)
            let next = try #require(
                first.text.range(of: #"href="([^"]*)" rel="next""#, options: .regularExpression).map {
                    String(first.text[$0].dropFirst(6).dropLast(12)).replacingOccurrences(of: "&amp;", with: "&")
                })
            #expect(next.contains("meta.city=Oslo") && next.contains("cursor="), "\(next)")
            #expect(first.text.contains(#"value="city=Oslo""#))
            let second = try await server.client.get(next, cookie: cookie)
            #expect(second.status == 200 && second.text.contains("review?item=a0") == false)
            #expect(first.text.contains("review?item=a0") && first.text.contains("review?item=a1"))

            let tasks = try await server.client.get("/tasks", cookie: cookie)
            #expect(tasks.text.contains(#"href="/tasks/browse/items""#))
            let quality = try await server.client.get("/tasks/browse/quality", cookie: cookie)
            #expect(quality.text.contains(#"href="/tasks/browse/items""#))
        }
    }

    @Test func everythingShownIsEscapedAndABadFilterIsExplained() async throws {
        try await ItemBrowserAPITests.withBrowseTask { server, pat in
            let hostile = #"{"id":"<script>alert(1)</script>","text":"<b>bold</b>","meta":{"k":"<i>"}}"#
            #expect(try await server.client.importItems("browse", hostile, token: pat.token).status == 201)
            let cookie = try await server.client.login("pat")
            let page = try await server.client.get("/tasks/browse/items?meta.k=%3Ci%3E", cookie: cookie)
            #expect(page.status == 200 && page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(page.text)")
            #expect(!page.text.contains("<script>alert") && page.text.contains("k=&lt;i&gt;"))
            let refused = try await server.client.get("/tasks/browse/items?state=%3Cscript%3E", cookie: cookie)
            #expect(refused.status == 422 && refused.text.contains("state: &quot;&lt;script&gt;&quot; is not a state"))
            #expect(!refused.text.contains("<script>"))
        }
    }

    @Test func annotatorsAndStrangersDoNotSeeIt() async throws {
        try await ItemBrowserAPITests.withBrowseTask { server, _ in
            let annotator = try await server.client.login("ann")
            let refused = try await server.client.get("/tasks/browse/items", cookie: annotator)
            #expect(refused.status == 403 || refused.status == 404, "\(refused.status)")
            #expect(!refused.text.contains("review?item=a0"))
            let anonymous = try await server.client.get("/tasks/browse/items")
            #expect(anonymous.status == 303 || anonymous.status == 401, "\(anonymous.status)")
        }
    }
}
