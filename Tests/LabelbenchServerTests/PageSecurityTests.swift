import Foundation
import LabelbenchCore
import Testing

/// Practitioner Markdown and labels cannot inject script into the annotator's page, and every
/// response carries the strict security headers.
@Suite struct PageSecurityTests {
    static let payload = "<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>"

    /// Script-capable markup: a script tag, a `javascript:` URL in an attribute, an event handler inside a tag.
    static func activeContent(in html: String) -> [String] {
        var found: [String] = []
        if html.range(of: "<script>alert", options: .caseInsensitive) != nil { found.append("<script>alert") }
        if html.range(
            of: #"(href|src|action|formaction)\s*=\s*["']?\s*javascript:"#, options: [.regularExpression, .caseInsensitive])
            != nil
        {
            found.append("javascript: URL")
        }
        // Escaped text inside quoted attribute values (a label name in `value="…"`) is inert; look at the tags themselves.
        let tags = html.replacingOccurrences(of: #""[^"]*""#, with: "\"\"", options: .regularExpression)
        if tags.range(of: #"<[^<>]*\bon[a-z]+\s*="#, options: [.regularExpression, .caseInsensitive]) != nil {
            found.append("event handler attribute")
        }
        if tags.range(of: #"<img[^<>]*\bsrc\s*=\s*x\b"#, options: [.regularExpression, .caseInsensitive]) != nil {
            found.append("injected img tag")
        }
        return found
    }

    static func checkHeaders(_ result: HTTPResult, _ what: String) {
        let csp = result.header("Content-Security-Policy") ?? ""
        #expect(!csp.isEmpty, "\(what): no Content-Security-Policy")
        #expect(!csp.contains("unsafe-inline"), "\(what): \(csp)")
        #expect(csp.contains("frame-ancestors 'none'"), "\(what): \(csp)")
        #expect(result.header("X-Content-Type-Options") == "nosniff", "\(what)")
        #expect(result.header("Referrer-Policy") != nil, "\(what)")
    }

    @Test func queuePageEscapesPractitionerContent() async throws {
        try await TestServer.inProcess { server in
            let pat = try await server.addUser("pat", role: .practitioner, withPassword: true)
            try await server.addUser("ann", role: .annotator, withPassword: true)
            let payload = Self.payload
            try await server.database.createTask(
                TaskDefinition(
                    name: "xss", title: "<script>alert(1)</script>",
                    labels: [
                        TaskLabel(name: "<script>alert(1)</script>", key: "1", description: payload),
                        TaskLabel(name: "<img src=x onerror=alert(1)>", key: "2", description: "[click](javascript:alert(1))"),
                    ],
                    instructions: "# Read me\n\n" + payload + "\n\n<a href=\"javascript:alert(1)\">link</a>",
                    guidelines: [Guideline(title: payload, ruling: payload)], annotators: ["ann"]),
                by: nil)
            let line = try JSONSerialization.data(withJSONObject: ["id": "x1", "text": payload])
            #expect(
                try await server.client.importItems("xss", String(decoding: line, as: UTF8.self) + "\n", token: pat.token).status
                    == 201)

            let cookie = try await server.client.login("ann")
            let page = try await server.client.get("/queue/xss", cookie: cookie)
            #expect(page.status == 200)
            #expect(page.header("Content-Type")?.hasPrefix("text/html") == true)
            #expect(page.text.contains("&lt;script&gt;"), "the payload should show escaped")
            #expect(Self.activeContent(in: page.text).isEmpty, "\(Self.activeContent(in: page.text))")
            Self.checkHeaders(page, "/queue/xss")

            let practitioner = try await server.client.login("pat")
            for path in ["/tasks", "/tasks/xss/edit"] {
                let managerPage = try await server.client.get(path, cookie: practitioner)
                #expect(managerPage.status == 200, "\(path)")
                #expect(Self.activeContent(in: managerPage.text).isEmpty, "\(path): \(Self.activeContent(in: managerPage.text))")
                Self.checkHeaders(managerPage, path)
            }
        }
    }

    @Test func everyKindOfResponseSendsSecurityHeaders() async throws {
        try await TestServer.inProcess { server in
            let pat = try await server.addUser("pat", role: .practitioner)
            let client = server.client
            let responses: [(String, HTTPResult)] = [
                ("/healthz", try await client.get("/healthz")),
                ("/login", try await client.get("/login")),
                ("/", try await client.get("/")),
                ("/no-such-page", try await client.get("/no-such-page")),
                ("/api/v1/tasks unauthorized", try await client.get("/api/v1/tasks")),
                ("/api/v1/tasks", try await client.get("/api/v1/tasks", token: pat.token)),
                ("/api/v1/openapi.json", try await client.get("/api/v1/openapi.json")),
                ("bad JSON", try await client.postRaw("/api/v1/tasks", Data("{".utf8), token: pat.token)),
            ]
            for (what, result) in responses {
                Self.checkHeaders(result, what)
            }
        }
    }
}
