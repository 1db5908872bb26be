import Foundation
import Testing

/// The service answers health checks and describes its API.
@Suite struct HealthTests {
    @Test func healthzAndOpenAPI() async throws {
        try await TestServer.inProcess { server in
            let health = try await server.client.get("/healthz")
            #expect(health.status == 200)
            let openAPI = try await server.client.get("/api/v1/openapi.json")
            #expect(openAPI.status == 200)
            #expect(openAPI.json["openapi"] != nil)
        }
    }

    @Test func redirectsAreNotFollowed() async throws {
        try await TestServer.inProcess { server in
            let home = try await server.client.get("/")
            #expect(home.status == 303)
            #expect(home.header("Location") == "/login")
        }
    }
}
