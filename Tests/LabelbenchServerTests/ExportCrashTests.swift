import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `kill -9` at any moment of an export leaves either the old state or a complete new version,
/// and the next export works.
@Suite(.serialized) struct ExportCrashTests {
    @Test(.enabled(if: LabelbenchBinary.exists, Comment(rawValue: LabelbenchBinary.missing)))
    func killNineDuringExportLeavesNoHalfVersion() async throws {
        let folder = try TestServer.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("data").path
        _ = try LabelbenchBinary.run(["users", "add", "pat", "--role", "practitioner", "--data", data])
        let token = try LabelbenchBinary.run(["tokens", "create", "pat", "--data", data])

        var server = try LabelbenchBinary.startServer(data: data, log: folder.appendingPathComponent("serve-0.log"))
        defer { if server.process.isRunning { kill(server.process.processIdentifier, SIGKILL) } }
        let task: [String: Any] = ["name": "big", "labels": [["name": "yes"], ["name": "no"], ["name": "maybe"]], "overlap": 3]
        #expect(try await server.client.postJSON("/api/v1/tasks", task, token: token).status == 201)
        let items = 20_000
        #expect(try await server.client.importItems("big", TestClient.itemLines(items), token: token).status == 201)
        #expect(
            try await server.client.postRaw(
                "/api/v1/tasks/big/annotations/import", Self.annotationLines(items: items), contentType: "application/x-ndjson",
                token: token
            ).status == 201)

        // Kill the server at several points of an export in progress, restarting each time.
        for (round, delay) in [40, 150, 400, 900].enumerated() {
            let client = server.client
            async let export = try? client.postJSON("/api/v1/tasks/big/exports", ["aliases": ["round\(round)"]], token: token)
            try await Task.sleep(for: .milliseconds(delay))
            kill(server.process.processIdentifier, SIGKILL)
            _ = await export
            _ = try await LabelbenchBinary.waitForExit(server.process, timeout: .seconds(10))
            server = try LabelbenchBinary.startServer(data: data, log: folder.appendingPathComponent("serve-\(round + 1).log"))
            try await Self.expectEveryVersionComplete(
                server.client, token: token, into: folder.appendingPathComponent("round\(round)"))
        }

        // The next export works and reproduces the content of any version that did commit.
        let final = try await server.client.postJSON("/api/v1/tasks/big/exports", [String: Any](), token: token)
        #expect(final.status == 201 || final.status == 200, "\(final.text)")
        try await Self.expectEveryVersionComplete(server.client, token: token, into: folder.appendingPathComponent("final"))
        let versions = try await Self.versions(server.client, token: token)
        #expect(versions.count == 1, "identical exports must share one version, got \(versions)")
        let integrity = try LabelbenchBinary.run(["backup", folder.appendingPathComponent("copy.sqlite").path, "--data", data])
        #expect(integrity.contains("backed up"))
    }

    static func annotationLines(items: Int) -> Data {
        var text = ""
        let labels = ["yes", "no", "maybe"]
        for index in 0..<items {
            for annotator in 0..<3 {
                text +=
                    "{\"item\":\"i\(index)\",\"annotator\":\"ann\(annotator)\",\"label\":\"\(labels[(index + annotator * (index % 3)) % 3])\"}\n"
            }
        }
        return Data(text.utf8)
    }

    static func versions(_ client: TestClient, token: String) async throws -> [[String: Any]] {
        let result = try await client.get("/api/v1/artifacts/big/versions", token: token)
        if result.status == 404 { return [] }
        #expect(result.status == 200, "\(result.text)")
        return (try JSONSerialization.jsonObject(with: result.body) as? [String: Any])?["versions"] as? [[String: Any]] ?? []
    }

    /// Every committed version has a manifest whose files all download and match their digests.
    static func expectEveryVersionComplete(_ client: TestClient, token: String, into folder: URL) async throws {
        for version in try await versions(client, token: token) {
            let number = version["number"] as? Int ?? -1
            let manifest = try await client.get("/api/v1/artifacts/big/v\(number)/manifest", token: token)
            #expect(manifest.status == 200, "\(manifest.text)")
            let files =
                (try JSONSerialization.jsonObject(with: manifest.body) as? [String: Any])?["files"] as? [[String: Any]] ?? []
            #expect(files.contains { $0["path"] as? String == "labels.jsonl" })
            for file in files {
                let path = file["path"] as? String ?? ""
                let body = try await client.get("/api/v1/artifacts/big/v\(number)/files/\(path)", token: token)
                #expect(body.status == 200, "v\(number)/\(path): \(body.status)")
                #expect(body.body.count == file["size"] as? Int, "v\(number)/\(path) size")
                #expect(body.header("ETag") == "\"\(file["sha256"] as? String ?? "")\"")
            }
        }
    }
}
