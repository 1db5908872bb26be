import Foundation
import LabelbenchCore
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The built `labelbench serve` process survives the bodies that once killed it (issue 10, finding 1): each gets a
/// 4xx, and the same process answers `/healthz` afterwards.
@Suite(.serialized) struct HostileBodyCrashTests {
    /// Multipart bodies aimed at the part-header reader; the first is the one that trapped MultipartKit.
    static let bodies: [Data] = [
        UploadHardeningTests.nonASCIIHeaderBody,
        Data("--BB\r\n".utf8) + Data([0xFF, 0x00, 0x80]) + Data(":\r\n\r\n--BB--".utf8),
        Data("--BB\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.png\"\r\n\r\n".utf8),
        Data("-\r\n--BB\r\n\u{e9}\r\n\r\n".utf8),
    ]

    @Test(.enabled(if: LabelbenchBinary.exists, Comment(rawValue: LabelbenchBinary.missing)))
    func hostileMultipartBodiesLeaveTheServerRunning() async throws {
        let folder = try TestServer.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("data").path
        _ = try LabelbenchBinary.run(
            ["users", "add", "pat", "--role", "practitioner", "--password-stdin", "--data", data],
            stdin: "\(TestServer.password)\n")
        let token = try LabelbenchBinary.run(["tokens", "create", "pat", "--data", data])
        let server = try LabelbenchBinary.startServer(data: data, log: folder.appendingPathComponent("serve.log"))
        defer { if server.process.isRunning { kill(server.process.processIdentifier, SIGKILL) } }
        let task: [String: Any] = ["name": "t", "labels": [["name": "yes"], ["name": "no"]]]
        #expect(try await server.client.postJSON("/api/v1/tasks", task, token: token).status == 201)
        let cookie = try await server.client.login("pat")
        for body in Self.bodies {
            let headers = ["Content-Type": "multipart/form-data; boundary=BB"]
            let api = try await server.client.send("POST", "/api/v1/tasks/t/items", body: body, headers: headers, token: token)
            #expect((400..<500).contains(api.status), "\(api.status) \(api.text)")
            let page = try await server.client.send("POST", "/tasks/t/items", body: body, headers: headers, cookie: cookie)
            #expect((400..<500).contains(page.status), "\(page.status)")
            #expect(server.process.isRunning, "the server died on \(body.count) bytes")
        }
        #expect(try await server.client.get("/healthz").status == 200)
        kill(server.process.processIdentifier, SIGTERM)
        #expect(try await LabelbenchBinary.waitForExit(server.process, timeout: .seconds(30)))
    }
}
