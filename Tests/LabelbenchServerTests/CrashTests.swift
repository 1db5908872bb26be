import Foundation
import LabelbenchCore
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The built `labelbench` binary, killed with SIGKILL mid-load, keeps every acknowledged
/// annotation and a sound database; SIGTERM then shuts it down cleanly.
@Suite(.serialized) struct CrashTests {
    static let root = TestServer.repositoryRoot()
    static let binary = root.appendingPathComponent(".build/debug/labelbench")
    static var binaryExists: Bool { FileManager.default.isExecutableFile(atPath: binary.path) }

    @Test(.enabled(if: binaryExists, "build the labelbench executable first (swift build); .build/debug/labelbench is missing"))
    func acknowledgedAnnotationsSurviveKillNine() async throws {
        let folder = try TestServer.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("data").path

        _ = try Self.runCLI(
            ["users", "add", "pat", "--role", "practitioner", "--password-stdin", "--data", data], stdin: "pat-password-123\n")
        let annotators = (1...8).map { "ann-\($0)" }
        for name in annotators {
            _ = try Self.runCLI(["users", "add", name, "--role", "annotator", "--data", data])
        }
        let patToken = try Self.runCLI(["tokens", "create", "pat", "--data", data])
        var tokens: [String] = []
        for name in annotators { tokens.append(try Self.runCLI(["tokens", "create", name, "--data", data])) }

        var server = try Self.startServer(data: data, log: folder.appendingPathComponent("serve-1.log"))
        defer { if server.process.isRunning { kill(server.process.processIdentifier, SIGKILL) } }
        let task: [String: Any] = [
            "name": "crash", "labels": [["name": "yes"], ["name": "no"]], "overlap": 2, "annotators": annotators,
        ]
        let created = try await server.client.postJSON("/api/v1/tasks", task, token: patToken)
        #expect(created.status == 201, "\(created.text)")
        #expect(try await server.client.importItems("crash", TestClient.itemLines(400), token: patToken).status == 201)

        let acknowledged = Acknowledged()
        let client = server.client
        let process = server.process
        await withTaskGroup(of: Void.self) { group in
            for (index, token) in tokens.enumerated() {
                group.addTask {
                    // Runs until the server dies under it (a transport error) or the queue is empty.
                    while true {
                        do {
                            guard let next = try await client.next("crash", token: token) else { return }
                            let result = try await client.submit(
                                "crash", item: next.item, label: index.isMultiple(of: 2) ? "yes" : "no", lease: next.lease,
                                requestID: UUID().uuidString, token: token)
                            if result.status == 201 || result.status == 200 {
                                await acknowledged.add(item: next.item, annotator: annotators[index])
                            }
                        } catch {
                            return
                        }
                    }
                }
            }
            group.addTask {
                // Let the load get going on a slow machine, then pull the plug.
                let start = ContinuousClock.now
                while await acknowledged.count < 10, ContinuousClock.now - start < .seconds(60) {
                    try? await Task.sleep(for: .milliseconds(50))
                }
                try? await Task.sleep(for: .milliseconds(1500))
                kill(process.processIdentifier, SIGKILL)
            }
        }
        #expect(try await Self.waitForExit(server.process, timeout: .seconds(30)))
        #expect(server.process.terminationReason == .uncaughtSignal)
        let acked = await acknowledged.pairs
        #expect(acked.count > 0, "no annotation was acknowledged before the kill")
        print("CrashTests: \(acked.count) annotations acknowledged before kill -9")

        server = try Self.startServer(data: data, log: folder.appendingPathComponent("serve-2.log"))
        let rows = try await server.client.annotations("crash", token: patToken)
        let stored = Set(
            rows.compactMap { row -> Pair? in
                guard let item = row["item"] as? String, let annotator = row["annotator"] as? String else { return nil }
                return Pair(item: item, annotator: annotator)
            })
        let lost = acked.subtracting(stored)
        #expect(lost.isEmpty, "\(lost.count) of \(acked.count) acknowledged annotations were lost: \(lost.prefix(5))")
        // Nothing exceeded its overlap either.
        let perItem = Dictionary(grouping: stored, by: \.item)
        #expect(perItem.values.allSatisfy { $0.count <= 2 })

        // Graceful shutdown: SIGTERM ends the process with status 0.
        kill(server.process.processIdentifier, SIGTERM)
        #expect(
            try await Self.waitForExit(server.process, timeout: .seconds(30)), "the server did not stop within 30 s of SIGTERM")
        #expect(server.process.terminationReason == .exit)
        #expect(server.process.terminationStatus == 0)

        let database = try AppDatabase.openFile(at: URL(fileURLWithPath: data).appendingPathComponent("labelbench.sqlite"))
        #expect(try database.integrityCheck() == "ok")
    }

    // MARK: - Helpers

    struct Pair: Hashable, Sendable {
        let item: String
        let annotator: String
    }

    actor Acknowledged {
        var pairs: Set<Pair> = []
        var count: Int { pairs.count }
        func add(item: String, annotator: String) { pairs.insert(Pair(item: item, annotator: annotator)) }
    }

    struct RunningServer {
        let process: Process
        let client: TestClient
    }

    /// Runs a CLI command to completion and returns its trimmed standard output; fails on a non-zero exit.
    static func runCLI(_ arguments: [String], stdin: String? = nil) throws -> String {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = root
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        let input = Pipe()
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestFailure("labelbench \(arguments.joined(separator: " ")) failed: \(String(decoding: err, as: UTF8.self))")
        }
        return String(decoding: out, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Starts `labelbench serve` on a free loopback port and waits until `/healthz` answers.
    static func startServer(data: String, log: URL) throws -> RunningServer {
        let port = try freePort()
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let logHandle = try FileHandle(forWritingTo: log)
        let process = Process()
        process.executableURL = binary
        process.arguments = ["serve", "--data", data, "--host", "127.0.0.1", "--port", String(port), "--log-level", "warning"]
        process.currentDirectoryURL = root
        process.standardOutput = logHandle
        process.standardError = logHandle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let client = TestClient(baseURL: URL(string: "http://127.0.0.1:\(port)")!)
        let deadline = Date().addingTimeInterval(90)
        while Date() < deadline {
            if !process.isRunning {
                throw TestFailure("labelbench serve exited: \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
            }
            if Self.healthy(port: port) { return RunningServer(process: process, client: client) }
            usleep(100_000)
        }
        kill(process.processIdentifier, SIGKILL)
        throw TestFailure("labelbench serve did not become healthy within 90 s")
    }

    /// A blocking `/healthz` probe over a plain socket, so startup polling needs no async context.
    static func healthy(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return false }
        let request = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        _ = request.withCString { send(fd, $0, strlen($0), 0) }
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = recv(fd, &buffer, buffer.count, 0)
        guard count > 0 else { return false }
        return String(decoding: buffer[0..<count], as: UTF8.self).hasPrefix("HTTP/1.1 200")
    }

    /// A port that was free a moment ago on 127.0.0.1.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestFailure("socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw TestFailure("bind() failed") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw TestFailure("getsockname() failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Polls until the process exits; false on timeout.
    static func waitForExit(_ process: Process, timeout: Duration) async throws -> Bool {
        let start = ContinuousClock.now
        while process.isRunning {
            if ContinuousClock.now - start > timeout { return false }
            try await Task.sleep(for: .milliseconds(50))
        }
        return true
    }
}
