import Foundation
import LabelbenchCore
import LabelbenchServer
import TestImageFixtures
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Findings 1, 2, 3 and 10 of issue 10: hostile multipart bodies get a 4xx on both upload
/// routes, the browser upload checks CSRF before any file, a failed upload never deletes a blob another upload
/// relies on, damaged blobs are never served whole, and skipped zip entries are reported.
@Suite struct UploadHardeningTests {
    /// Finding 1: the part header name `é` trapped MultipartKit and killed the process.
    static let nonASCIIHeaderBody = Data("--BB\r\n".utf8) + Data([0xC3, 0xA9]) + Data(": x\r\n\r\nhello\r\n--BB--\r\n".utf8)

    @Test func aNonASCIIPartHeaderNameIsRefusedOnBothUploadRoutes() async throws {
        try await TestServer.inProcess { server in
            let pat = try await server.addUser("pat", role: .practitioner, withPassword: true)
            try await server.addTask("t")
            let api = try await server.client.postRaw(
                "/api/v1/tasks/t/items", Self.nonASCIIHeaderBody, contentType: "multipart/form-data; boundary=BB",
                token: pat.token)
            #expect(api.status == 422, "\(api.status) \(api.text)")
            #expect(api.errorMessage?.contains("not a token") == true, "\(api.text)")
            let cookie = try await server.client.login("pat")
            let page = try await server.client.send(
                "POST", "/tasks/t/items", body: Self.nonASCIIHeaderBody,
                headers: ["Content-Type": "multipart/form-data; boundary=BB"], cookie: cookie)
            #expect((400..<500).contains(page.status), "\(page.status)")
            #expect(try await server.client.get("/healthz").status == 200)
            #expect(try server.count("item") == 0)
        }
    }

    @Test func theBrowserUploadReadsTheCSRFPartBeforeAnyFile() async throws {
        try await TestServer.inProcess { server in
            _ = try await server.addUser("pat", role: .practitioner, withPassword: true)
            try await server.addTask("t")
            let cookie = try await server.client.login("pat")
            let csrf = try await server.client.csrfToken(on: "/tasks/t/edit", cookie: cookie)
            let items = ("items.jsonl", Data("{\"id\":\"a\",\"text\":\"one\"}\n".utf8))
            // The right token, but after the file: refused, nothing stored.
            let late = try await server.client.uploadForm(
                "t", fields: [], files: [items], trailingFields: [("csrf", csrf)], cookie: cookie)
            #expect(late.status == 403, "\(late.status)")
            // No token, and a file part whose header would be refused: the token check answers first.
            var hostile = MultipartBody(boundary: "BB")
            hostile.appendRaw(
                Data("Content-Disposition: form-data; name=\"files\"; filename=\"x.jsonl\"\r\n".utf8) + Data([0xC3, 0xA9])
                    + Data(": x\r\n\r\n{}".utf8))
            let refused = try await server.client.send(
                "POST", "/tasks/t/items", body: hostile.finished(), headers: ["Content-Type": hostile.contentType], cookie: cookie
            )
            #expect(refused.status == 403, "\(refused.status)")
            #expect(try server.count("item") == 0)
            // The form as the page sends it: the token first.
            let good = try await server.client.uploadForm("t", fields: [("csrf", csrf)], files: [items], cookie: cookie)
            #expect(good.status == 303, "\(good.status) \(good.text)")
            #expect(try server.count("item") == 1)
        }
    }

    // MARK: - Finding 2

    /// Upload A writes a new image blob, then the database refuses A (its list reuses an item id). Upload B of the same
    /// image, prepared meanwhile, finds the blob present and commits an item pointing at it. The blob must survive A.
    @Test func aFailedUploadNeverDeletesABlobAConcurrentUploadCommitted() async throws {
        try await TestServer.inProcess { server in
            let pat = try await server.addUser("pat", role: .practitioner)
            try await server.createImageTask("race")
            let taken = TestImages.png(width: 2, height: 2, seed: 1)
            #expect(try await server.client.uploadForm("race", files: [("taken.png", taken)], token: pat.token).status == 201)
            let shared = TestImages.png(width: 3, height: 2, seed: 2)
            let blob = try server.blobPath(of: shared)
            let writer = WriterGate(server.database)
            try await writer.close()
            let failing = Task {
                try await server.client.uploadForm(
                    "race",
                    files: [
                        ("items.jsonl", Data("{\"id\":\"taken.png\",\"image\":\"shared.png\"}\n".utf8)), ("shared.png", shared),
                    ],
                    token: pat.token)
            }
            try await waitUntil { FileManager.default.fileExists(atPath: blob) }
            let written = try FileTimes.modified(blob)
            let succeeding = Task {
                try await server.client.uploadForm("race", files: [("shared.png", shared)], token: pat.token)
            }
            // B re-uses the blob (and refreshes its time) before either upload reaches the database.
            try await waitUntil { (try? FileTimes.modified(blob)) != written }
            writer.open()
            let (a, b) = (try await failing.value, try await succeeding.value)
            #expect((400..<500).contains(a.status), "\(a.status) \(a.text)")
            #expect(b.status == 201, "\(b.status) \(b.text)")
            #expect(FileManager.default.fileExists(atPath: blob), "the blob of a committed item was deleted")
            let media = try await server.client.get("/media/\(ImageTests.Fixtures.sha256(shared)).png", token: pat.token)
            #expect(media.status == 200 && media.body == shared, "\(media.status)")
        }
    }

    // MARK: - Finding 3

    @Test func aTamperedArtifactFileIsCutWhileServedAndRepairedByReexport() async throws {
        try await TestServer.run { server in
            let pat = try await server.addUser("pat", role: .practitioner)
            try await server.addTask("t")
            #expect(try await server.client.importItems("t", TestClient.itemLines(20), token: pat.token).status == 201)
            let export = try await server.client.postJSON("/api/v1/tasks/t/exports", [String: Any](), token: pat.token)
            #expect(export.status == 201, "\(export.text)")
            let path = "/api/v1/artifacts/t/v0/files/schema.json"
            let good = try await server.client.get(path, token: pat.token)
            #expect(good.status == 200 && !good.body.isEmpty)
            let blob = try server.blobPath(of: good.body)
            try ImageTests.Fixtures.overwrite(
                blob, with: Data(good.body.map { $0 == UInt8(ascii: "a") ? UInt8(ascii: "b") : $0 }))

            try await expectCutOrRefused(path, token: pat.token, client: server.client, whole: good.body)
            // The version is unchanged in content, and the export rewrote the damaged blob with the right bytes.
            let again = try await server.client.postJSON("/api/v1/tasks/t/exports", [String: Any](), token: pat.token)
            #expect(again.status == 200, "\(again.status) \(again.text)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: blob)) == good.body)
            #expect(try await server.client.get(path, token: pat.token).body == good.body)
        }
    }

    @Test func aTamperedImageIsNeverServedWholeNorExported() async throws {
        try await TestServer.run { server in
            let pat = try await server.addUser("pat", role: .practitioner)
            let ann = try await server.addUser("ann", role: .annotator)
            try await server.createImageTask("pics", annotators: ["ann"])
            let png = TestImages.png(width: 4, height: 4, seed: 5)
            #expect(try await server.client.uploadForm("pics", files: [("p.png", png)], token: pat.token).status == 201)
            // A labeled image is part of the export.
            #expect(try await server.client.labelUntilDone("pics", token: ann.token, label: "cat").count == 1)
            try ImageTests.Fixtures.overwrite(try server.blobPath(of: png), with: png.dropLast() + Data([png.last! ^ 0xFF]))
            try await expectCutOrRefused(
                "/media/\(ImageTests.Fixtures.sha256(png)).png", token: pat.token, client: server.client, whole: png)
            let export = try await server.client.postJSON("/api/v1/tasks/pics/exports", [String: Any](), token: pat.token)
            #expect(export.status >= 500, "\(export.status) \(export.text)")
            #expect(try server.count("artifact_version") == 0)
        }
    }

    /// The response either fails outright or is shorter than its `Content-Length`: never the damaged bytes in full.
    func expectCutOrRefused(_ path: String, token: String, client: TestClient, whole: Data) async throws {
        do {
            let result = try await client.get(path, token: token)
            let declared = result.header("Content-Length").flatMap { Int($0) } ?? -1
            #expect(
                result.status >= 500 || result.body.count < declared,
                "\(result.status): \(result.body.count) of \(declared) bytes")
        } catch {
            // A transport error: the connection was cut before the body ended.
        }
        #expect(try await client.get("/healthz").status == 200)
    }

    // MARK: - Finding 10 (zips)

    @Test func zipEntriesAreChosenByBytesAndTheRestIsReported() async throws {
        try await TestServer.inProcess { server in
            let pat = try await server.addUser("pat", role: .practitioner, withPassword: true)
            try await server.createImageTask("pics")
            let zip = try ImageTests.Zips.make([
                ("photos/a.png", TestImages.png(width: 2, height: 2, seed: 11)),
                ("photos/scan", TestImages.png(width: 2, height: 3, seed: 12)),
                ("photos/README.txt", Data("about these photos\n".utf8)),
            ])
            // No .zip in the name either: the bytes say it is an archive.
            let result = try await server.client.uploadForm("pics", files: [("upload", zip)], token: pat.token)
            #expect(result.status == 201, "\(result.text)")
            #expect(result.json["imported"] as? Int == 2, "\(result.text)")
            let skipped = result.json["skipped"] as? [String] ?? []
            #expect(
                skipped.count == 1 && skipped[0].contains("photos/README.txt") && skipped[0].contains("not a PNG"),
                "\(result.text)")

            let cookie = try await server.client.login("pat")
            let csrf = try await server.client.csrfToken(on: "/tasks/pics/edit", cookie: cookie)
            let more = try ImageTests.Zips.make([
                ("b.png", TestImages.png(width: 5, height: 2, seed: 13)), ("notes.md", Data("x".utf8)),
            ])
            let page = try await server.client.uploadForm(
                "pics", fields: [("csrf", csrf)], files: [("more.zip", more)], cookie: cookie)
            #expect(page.status == 200, "\(page.status)")
            #expect(page.text.contains("Skipped 1 file") && page.text.contains("notes.md"), "\(page.text)")
        }
    }
}

// MARK: - Helpers

/// Holds SQLite's write lock from a thread of its own until `open()`, so the test decides when writers go on.
final class WriterGate: @unchecked Sendable {
    private let database: AppDatabase
    private let gate = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var holding = false

    init(_ database: AppDatabase) { self.database = database }

    /// Takes the write lock and returns once it is held.
    func close() async throws {
        Thread.detachNewThread { [self] in
            try? database.writer.write { _ in
                lock.withLock { holding = true }
                gate.wait()
            }
        }
        try await waitUntil { self.lock.withLock { self.holding } }
    }

    func open() { gate.signal() }
}

/// Polls `condition` every 20 ms for up to 60 s.
func waitUntil(_ condition: () -> Bool) async throws {
    let start = ContinuousClock.now
    while !condition() {
        guard ContinuousClock.now - start < .seconds(60) else { throw TestFailure("timed out waiting") }
        try await Task.sleep(for: .milliseconds(20))
    }
}

enum FileTimes {
    /// A file's modification time, to the nanosecond the file system keeps.
    static func modified(_ path: String) throws -> Date {
        try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date ?? .distantPast
    }
}

extension ImageTests.Fixtures {
    /// Overwrites a (read-only) stored blob in place, as a failing disk would.
    static func overwrite(_ path: String, with bytes: Data) throws {
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        try bytes.write(to: URL(fileURLWithPath: path))
    }
}

extension TestServer {
    /// Creates an image task straight in the database.
    @discardableResult
    func createImageTask(_ name: String, annotators: [String] = []) async throws -> LabelingTask {
        try await database.createTask(
            TaskDefinition(
                name: name, title: name, kind: .image, labels: [TaskLabel(name: "cat"), TaskLabel(name: "dog")],
                annotators: annotators),
            by: nil)
    }

    /// Where the blob of `bytes` lives.
    func blobPath(of bytes: Data) throws -> String {
        let sha = ImageTests.Fixtures.sha256(bytes)
        return folder.blobsURL.appendingPathComponent("sha256/\(sha.prefix(2))/\(sha.dropFirst(2))").path
    }
}

/// A `multipart/form-data` body built part by part, in the order the parts are added.
struct MultipartBody {
    let boundary: String
    private var data = Data()

    init(boundary: String = "labelbench-\(UUID().uuidString)") { self.boundary = boundary }

    var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    mutating func field(_ name: String, _ value: String) {
        appendRaw(Data("Content-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)".utf8))
    }

    mutating func file(_ name: String, fileName: String, _ bytes: Data) {
        appendRaw(
            Data(
                "Content-Disposition: form-data; name=\"\(name)\"; filename=\"\(fileName)\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                    .utf8) + bytes)
    }

    /// A part whose headers and content are given as they go on the wire.
    mutating func appendRaw(_ part: Data) {
        data += Data("--\(boundary)\r\n".utf8) + part + Data("\r\n".utf8)
    }

    func finished() -> Data { data + Data("--\(boundary)--\r\n".utf8) }
}

extension TestClient {
    /// Posts files (and fields) as `multipart/form-data`: to the API with a token, or to the task page's form with a cookie.
    func uploadForm(
        _ task: String, fields: [(String, String)] = [], files: [(String, Data)], trailingFields: [(String, String)] = [],
        token: String? = nil, cookie: String? = nil
    ) async throws -> HTTPResult {
        var body = MultipartBody()
        for (name, value) in fields { body.field(name, value) }
        for (name, bytes) in files { body.file("files", fileName: name, bytes) }
        for (name, value) in trailingFields { body.field(name, value) }
        let path = token != nil ? "/api/v1/tasks/\(task)/items" : "/tasks/\(task)/items"
        return try await send(
            "POST", path, body: body.finished(), headers: ["Content-Type": body.contentType], token: token, cookie: cookie)
    }
}
