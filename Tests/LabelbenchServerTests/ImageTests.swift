import Crypto
import Foundation
import LabelbenchCore
import LabelbenchServer
import Logging
import TestImageFixtures
import Testing
import ZIPFoundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Image items end to end through the router, with a real SQLite file and blob folder:
/// multipart import of real PNG/JPEG/GIF/WebP bytes, refusal of hostile uploads with nothing
/// stored (quality bar rules 7–8), `/media` serving and access, and image exports that
/// re-hash bit for bit and deduplicate.
@Suite struct ImageTests {
    // MARK: - Import

    @Test func importsPNGJPEGGIFAndWebPAsItems() async throws {
        try await Server.run { server in
            let pat = try await server.addUser("pat", role: .practitioner)
            try await server.addImageTask("pics")
            let files: [(String, Data)] = [
                ("a.png", TestImages.png(width: 4, height: 3, seed: 1)),
                ("b.jpg", TestImages.jpeg),
                ("c.gif", TestImages.gif),
                ("d.webp", TestImages.webpLossless),
                ("e.webp", TestImages.webpLossy),
            ]
            let result = try await server.client.uploadImages("pics", files, token: pat.token)
            #expect(result.status == 201, "\(result.status) \(result.text)")
            #expect(result.json["imported"] as? Int == 5, "\(result.text)")
            #expect(try server.count("item") == 5)
            #expect(try Server.blobCount(server) == 5)
            let types = try await server.database.writer.read { db in
                try String.fetchAll(db, sql: "SELECT image_type FROM item ORDER BY external_id")
            }
            #expect(types == ["image/png", "image/jpeg", "image/gif", "image/webp", "image/webp"])
        }
    }

    @Test func reimportingTheSameImageIsReportedAsADuplicate() async throws {
        try await Server.run { server in
            let pat = try await server.addUser("pat", role: .practitioner)
            try await server.addImageTask("again")
            let png = TestImages.png(width: 2, height: 2, seed: 7)
            let first = try await server.client.uploadImages("again", [("one.png", png)], token: pat.token)
            #expect(first.status == 201, "\(first.text)")
            let blobs = try Server.blobCount(server)
            // Same bytes under another name: no new item, no new blob, and the report says so.
            let second = try await server.client.uploadImages("again", [("copy.png", png)], token: pat.token)
            #expect((200..<300).contains(second.status), "\(second.status) \(second.text)")
            #expect(second.json["imported"] as? Int == 0, "\(second.text)")
            let duplicates = second.json["duplicates"] as? [String] ?? []
            #expect(
                duplicates.count == 1 && duplicates[0].contains("copy.png") && duplicates[0].contains("one.png"), "\(second.text)"
            )
            #expect(try server.count("item") == 1)
            #expect(try Server.blobCount(server) == blobs)
        }
    }

    /// Every hostile upload travels beside a valid, never-seen PNG: the refusal must take the
    /// whole upload down (no item, no blob), name the bad file, and be a 4xx.
    @Test(arguments: HostileUpload.all)
    func hostileUploadIsRefusedNamingTheFileAndStoresNothing(_ upload: HostileUpload) async throws {
        try await Server.run(limits: Server.testLimits) { server in
            let pat = try await server.addUser("pat", role: .practitioner)
            try await server.addImageTask("hostile")
            let good = TestImages.png(width: 3, height: 3, seed: 4242)
            let bad = try upload.make()
            let result = try await server.client.uploadImages(
                "hostile", [("good.png", good), (upload.fileName, bad)], token: pat.token)
            #expect((400..<500).contains(result.status), "\(upload.name): \(result.status) \(result.text)")
            let message = try #require(result.errorMessage, "\(upload.name): \(result.text)")
            for fragment in upload.messageMentions {
                #expect(message.contains(fragment), "\(upload.name): \(message)")
            }
            #expect(try server.count("item") == 0, "\(upload.name)")
            #expect(try Server.blobCount(server) == 0, "\(upload.name): blobs left behind")
            // Still refused on its own, and the server is healthy afterwards.
            let alone = try await server.client.uploadImages("hostile", [(upload.fileName, bad)], token: pat.token)
            #expect((400..<500).contains(alone.status), "\(upload.name): \(alone.status)")
            #expect(try await server.client.get("/healthz").status == 200)
            #expect(try server.count("item") == 0)
            #expect(try Server.blobCount(server) == 0)
        }
    }

    // MARK: - Media

    @Test func mediaIsServedWithCachingHeadersToAllowedUsersOnly() async throws {
        try await Server.run { server in
            let pat = try await server.addUser("pat", role: .practitioner)
            let ann = try await server.addUser("ann", role: .annotator, withPassword: true)
            let stranger = try await server.addUser("stranger", role: .annotator, withPassword: true)
            try await server.addImageTask("pics", annotators: ["ann"])
            try await server.addImageTask("other", annotators: ["stranger"])
            let png = TestImages.png(width: 5, height: 4, seed: 99)
            #expect(
                try await server.client.uploadImages("pics", [("p.png", png), ("g.gif", TestImages.gif)], token: pat.token).status
                    == 201)

            let next = try #require(try await server.client.next("pics", token: ann.token))
            let item = try #require(try JSONSerialization.jsonObject(with: Data(next.body.utf8)) as? [String: Any])
            let url = try #require((item["item"] as? [String: Any])?["image_url"] as? String, "\(next.body)")
            #expect(url.hasPrefix("/media/"))

            // Bearer token.
            let byToken = try await server.client.get(url, token: ann.token)
            #expect(byToken.status == 200, "\(byToken.status) \(byToken.text)")
            let expectedType = next.item == "p.png" ? "image/png" : "image/gif"
            let expectedBytes = next.item == "p.png" ? png : TestImages.gif
            #expect(byToken.header("Content-Type") == expectedType)
            #expect(byToken.body == expectedBytes)
            #expect(byToken.header("X-Content-Type-Options") == "nosniff")
            let etag = try #require(byToken.header("ETag"))
            #expect(etag == "\"\(Fixtures.sha256(expectedBytes))\"")
            let cache = byToken.header("Cache-Control") ?? ""
            #expect(cache.contains("max-age=31536000"), "\(cache)")
            #expect(!cache.contains("no-store"), "\(cache)")

            // Conditional request.
            let again = try await server.client.send("GET", url, headers: ["If-None-Match": etag], token: ann.token)
            #expect(again.status == 304)
            #expect(again.body.isEmpty)

            // Session cookie from the login form.
            let cookie = try await server.client.login("ann")
            let byCookie = try await server.client.get(url, cookie: cookie)
            #expect(byCookie.status == 200, "\(byCookie.status)")
            #expect(byCookie.body == expectedBytes)
            #expect(byCookie.header("X-Content-Type-Options") == "nosniff")

            // The practitioner who owns the task sees it too.
            #expect(try await server.client.get(url, token: pat.token).status == 200)

            // An annotator of another task: 404 by token and by cookie, not even a 403.
            let foreign = try await server.client.get(url, token: stranger.token)
            #expect(foreign.status == 404, "\(foreign.status)")
            #expect(!foreign.body.starts(with: expectedBytes.prefix(8)))
            let strangerCookie = try await server.client.login("stranger")
            #expect(try await server.client.get(url, cookie: strangerCookie).status == 404)

            // No credentials at all.
            let anonymous = try await server.client.get(url)
            #expect(anonymous.status == 401, "\(anonymous.status)")
            #expect(!anonymous.body.starts(with: expectedBytes.prefix(8)))

            // Unknown digests and junk names are 404, never a 5xx.
            for path in [
                "/media/" + String(repeating: "0", count: 64) + ".png", "/media/..%2F..%2Fetc%2Fpasswd", "/media/ABC.png",
            ] {
                let result = try await server.client.get(path, token: ann.token)
                #expect(result.status == 404, "\(path): \(result.status)")
            }
        }
    }

    // MARK: - Export

    @Test(.timeLimit(.minutes(10)))
    func labeledImageTaskExportsBitExactImagesAndReexportStoresNothingNew() async throws {
        try await Server.run { server in
            let pat = try await server.addUser("pat", role: .practitioner)
            let annotators = try await server.addUsers((1...3).map { "ann\($0)" }, role: .annotator)
            try await server.addImageTask("shots", overlap: 3, annotators: annotators.map(\.name))
            let images = (0..<200).map {
                ("img\(String(format: "%03d", $0)).png", TestImages.png(width: 6, height: 5, seed: 1000 + $0))
            }
            let imported = try await server.client.uploadImages("shots", images, token: pat.token)
            #expect(imported.status == 201, "\(imported.text)")
            #expect(imported.json["imported"] as? Int == 200)

            try await withThrowingTaskGroup(of: Int.self) { group in
                for (index, annotator) in annotators.enumerated() {
                    group.addTask {
                        try await server.client.labelUntilDone("shots", token: annotator.token, label: index == 2 ? "no" : "yes")
                            .count
                    }
                }
                for try await count in group { #expect(count == 200) }
            }
            #expect(try server.count("annotation") == 600)

            let blobsBefore = try Server.blobCount(server)
            let export = try await server.client.postJSON("/api/v1/tasks/shots/exports", [String: Any](), token: pat.token)
            #expect(export.status == 201, "\(export.status) \(export.text)")
            #expect(export.json["is_new"] as? Bool == true)
            let reference = try #require(export.json["reference"] as? String)
            let parts = reference.split(separator: ":").map(String.init)
            try #require(parts.count == 2, "\(reference)")
            let (name, version) = (parts[0], parts[1])

            let manifestResult = try await server.client.get("/api/v1/artifacts/\(name)/\(version)/manifest", token: pat.token)
            #expect(manifestResult.status == 200, "\(manifestResult.text)")
            let files = try #require(manifestResult.json["files"] as? [[String: Any]])
            let imageFiles = files.filter { ($0["path"] as? String)?.hasPrefix("images/") == true }
            #expect(imageFiles.count == 200)
            let originals = Set(images.map { Fixtures.sha256($0.1) })
            var fetched = Set<String>()
            for file in imageFiles {
                let path = try #require(file["path"] as? String)
                let digest = try #require(file["sha256"] as? String)
                let result = try await server.client.get("/api/v1/artifacts/\(name)/\(version)/files/\(path)", token: pat.token)
                #expect(result.status == 200, "\(path): \(result.status)")
                let actual = Fixtures.sha256(result.body)
                #expect(actual == digest, "\(path) re-hashes to \(actual), manifest says \(digest)")
                #expect(result.body.count == file["size"] as? Int, "\(path)")
                #expect(result.header("ETag") == "\"\(digest)\"", "\(path)")
                fetched.insert(actual)
            }
            #expect(fetched == originals, "the exported images are exactly the uploaded bytes")
            // Images are shared blobs, not copies: the export added only its small text files (those the
            // manifest lists, plus manifest.json and wandb_manifest.json, which it does not list).
            let blobsAfterFirst = try Server.blobCount(server)
            #expect(blobsAfterFirst - blobsBefore == files.count - imageFiles.count + 2, "\(blobsBefore) → \(blobsAfterFirst)")

            let second = try await server.client.postJSON("/api/v1/tasks/shots/exports", [String: Any](), token: pat.token)
            #expect((200..<300).contains(second.status), "\(second.text)")
            #expect(second.json["is_new"] as? Bool == false, "\(second.text)")
            #expect(second.json["reference"] as? String == reference)
            #expect(try Server.blobCount(server) == blobsAfterFirst)
            let versions = try await server.client.get("/api/v1/artifacts/\(name)/versions", token: pat.token)
            #expect((versions.json["versions"] as? [Any])?.count == 1, "\(versions.text)")
        }
    }
}

// MARK: - Hostile uploads

extension ImageTests {
    /// One refused upload: how to make it, the name it travels under and what the message must name.
    struct HostileUpload: Sendable, CustomTestStringConvertible {
        let name: String
        let fileName: String
        let messageMentions: [String]
        let make: @Sendable () throws -> Data

        var testDescription: String { name }

        static let all: [HostileUpload] = [
            HostileUpload(name: "SVG with script", fileName: "drawing.svg", messageMentions: ["drawing.svg", "SVG"]) {
                TestImages.svgWithScript
            },
            HostileUpload(name: "SVG renamed .png", fileName: "drawing.png", messageMentions: ["drawing.png", "SVG"]) {
                TestImages.svgWithScript
            },
            HostileUpload(name: "HTML renamed .png", fileName: "photo.png", messageMentions: ["photo.png", "HTML"]) {
                TestImages.htmlPage
            },
            HostileUpload(name: "truncated JPEG", fileName: "cut.jpg", messageMentions: ["cut.jpg", "truncated"]) {
                TestImages.jpeg.prefix(TestImages.jpeg.count - 40)
            },
            HostileUpload(name: "oversize PNG header", fileName: "huge.png", messageMentions: ["huge.png", "100000"]) {
                TestImages.pngDeclaring(width: 100_000, height: 100_000)
            },
            HostileUpload(name: "zip with ../evil.png", fileName: "evil.zip", messageMentions: ["evil.zip", "../evil.png"]) {
                try Zips.make([("ok.png", TestImages.png(seed: 5)), ("../evil.png", TestImages.png(seed: 6))])
            },
            HostileUpload(name: "zip with absolute path", fileName: "abs.zip", messageMentions: ["abs.zip", "/etc/evil.png"]) {
                try Zips.make([("/etc/evil.png", TestImages.png(seed: 6))])
            },
            HostileUpload(
                name: "zip bomb declaring a huge entry", fileName: "bomb.zip", messageMentions: ["bomb.zip", "bomb.png"]
            ) {
                // 8 MB of zeros in a few KB; the test server allows 1 MB a file.
                try Zips.zeros(byteCount: 8 << 20)
            },
            HostileUpload(name: "zip bomb with a high ratio", fileName: "ratio.zip", messageMentions: ["ratio.zip", "bomb.png"]) {
                // Under the per-file limit but compressed ~1000:1.
                try Zips.zeros(byteCount: 900_000)
            },
            HostileUpload(name: "zip bomb lying about its size", fileName: "liar.zip", messageMentions: ["liar.zip", "bomb.png"])
            {
                try Zips.lieAboutUncompressedSize(Zips.zeros(byteCount: 8 << 20), size: 1_000)
            },
            HostileUpload(name: "zip over the total size", fileName: "total.zip", messageMentions: ["total.zip"]) {
                // Five honest 700 KB entries: each under 1 MB a file, 3.5 MB together over the 3 MB total.
                try Zips.make((0..<5).map { ("noise\($0).png", Fixtures.noise(count: 700_000, seed: $0)) }, compress: false)
            },
        ]
    }

    // MARK: - Server with configurable limits

    /// `TestServer.inProcess` with test-sized `ImageLimits`, plus image-task helpers.
    enum Server {
        /// Limits low enough that a bomb is cheap to build: 1 MB a file, 3 MB a zip, 50 entries.
        static let testLimits = ImageLimits(
            maxFileBytes: 1 << 20, maxPixels: 4_000_000, maxDimension: 4_000, maxZipEntries: 50,
            maxZipUncompressedBytes: 3 << 20, maxCompressionRatio: 100, maxRequestBytes: 16 << 20)

        static func run<T: Sendable>(
            limits: ImageLimits = ImageLimits(), _ body: @Sendable (TestServer) async throws -> T
        ) async throws -> T {
            try await TestServer.inProcess(imageLimits: limits, body)
        }

        /// Regular files under `DATA/blobs/sha256`.
        static func blobCount(_ server: TestServer) throws -> Int {
            let root = server.folder.blobsURL.appendingPathComponent("sha256")
            guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else {
                return 0
            }
            var count = 0
            for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true
            {
                count += 1
            }
            return count
        }
    }
}

extension TestServer {
    /// Creates an image task straight in the database.
    @discardableResult
    fileprivate func addImageTask(_ name: String, overlap: Overlap = 1, annotators: [String] = []) async throws -> LabelingTask {
        try await database.createTask(
            TaskDefinition(
                name: name, title: name, kind: .image, labels: [TaskLabel(name: "yes"), TaskLabel(name: "no")],
                overlap: overlap, annotators: annotators),
            by: nil)
    }
}

extension TestClient {
    /// `POST /api/v1/tasks/TASK/items` as a `multipart/form-data` upload of `files`.
    fileprivate func uploadImages(_ task: String, _ files: [(String, Data)], token: String) async throws -> HTTPResult {
        let boundary = "labelbench-\(UUID().uuidString)"
        var body = Data()
        for (name, data) in files {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"files\"; filename=\"\(name)\"\r\n".utf8))
            body.append(Data("Content-Type: application/octet-stream\r\n\r\n".utf8))
            body.append(data)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        return try await postRaw(
            "/api/v1/tasks/\(task)/items", body, contentType: "multipart/form-data; boundary=\(boundary)", token: token)
    }
}

// MARK: - Zips

extension ImageTests {
    /// Zip archives (honest and hostile) built in memory through temporary files.
    enum Zips {
        static func make(_ entries: [(String, Data)], compress: Bool = true) throws -> Data {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent(
                "labelbench-imagezip-\(UUID().uuidString).zip")
            defer { try? FileManager.default.removeItem(at: url) }
            let archive = try Archive(url: url, accessMode: .create)
            for (path, data) in entries {
                try archive.addEntry(
                    with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: compress ? .deflate : .none
                ) { position, size in data.subdata(in: Int(position)..<Int(position) + size) }
            }
            return try Data(contentsOf: url)
        }

        /// One deflated entry `bomb.png` of `byteCount` zero bytes.
        static func zeros(byteCount: Int) throws -> Data {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("labelbench-bomb-\(UUID().uuidString).zip")
            defer { try? FileManager.default.removeItem(at: url) }
            let archive = try Archive(url: url, accessMode: .create)
            try archive.addEntry(with: "bomb.png", type: .file, uncompressedSize: Int64(byteCount), compressionMethod: .deflate) {
                _, size in
                Data(count: size)
            }
            return try Data(contentsOf: url)
        }

        /// Rewrites every declared uncompressed size (local headers and central directory) to `size`.
        static func lieAboutUncompressedSize(_ zip: Data, size: UInt32) -> Data {
            var bytes = [UInt8](zip)
            let sizeBytes = [UInt8(size & 0xFF), UInt8(size >> 8 & 0xFF), UInt8(size >> 16 & 0xFF), UInt8(size >> 24)]
            var index = 0
            while index + 28 <= bytes.count {
                if bytes[index] == 0x50, bytes[index + 1] == 0x4B {
                    if bytes[index + 2] == 3, bytes[index + 3] == 4 {
                        bytes.replaceSubrange(index + 22..<index + 26, with: sizeBytes)
                    } else if bytes[index + 2] == 1, bytes[index + 3] == 2 {
                        bytes.replaceSubrange(index + 24..<index + 28, with: sizeBytes)
                    }
                }
                index += 1
            }
            return Data(bytes)
        }
    }

    // MARK: - Image bytes

    /// What only these tests need beyond the shared `TestImages`.
    enum Fixtures {
        /// Incompressible bytes (an xorshift stream), for zips whose size must be honest.
        static func noise(count: Int, seed: Int) -> Data {
            var state = UInt64(seed &+ 1) &* 0x9E37_79B9_7F4A_7C15
            var bytes = [UInt8](repeating: 0, count: count)
            for index in 0..<count {
                state ^= state << 13
                state ^= state >> 7
                state ^= state << 17
                bytes[index] = UInt8(truncatingIfNeeded: state)
            }
            return Data(bytes)
        }

        static func sha256(_ data: Data) -> String {
            SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        }
    }
}
