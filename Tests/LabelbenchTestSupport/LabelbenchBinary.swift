import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The built `labelbench` executable, run as a user runs it: commands to completion, or `serve` as a process of its
/// own that a test can kill.
public enum LabelbenchBinary {
    static let root = TestServer.repositoryRoot()
    public static let path = root.appendingPathComponent(".build/debug/labelbench")
    public static var exists: Bool { FileManager.default.isExecutableFile(atPath: path.path) }

    /// Why a test that needs the executable did not run.
    public static let missing = "build the labelbench executable first (swift build); .build/debug/labelbench is missing"

    /// A `labelbench serve` process and a client of it.
    public struct RunningServer {
        public let process: Process
        public let client: TestClient
        public let port: Int
    }

    /// Runs a command to completion and returns its trimmed standard output; throws on a non-zero exit.
    public static func run(_ arguments: [String], stdin: String? = nil) throws -> String {
        let process = Process()
        process.executableURL = path
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

    /// Runs a command and returns its exit status and standard error, whatever the status.
    public static func runAllowingFailure(_ arguments: [String]) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = path
        process.arguments = arguments
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: err, as: UTF8.self))
    }

    /// A practitioner `pat` with an API token, served by `labelbench serve` over a fresh data folder.
    public struct PractitionerServer {
        /// The data folder.
        public let data: String
        public let server: RunningServer
        public let token: String
        /// `--server URL --token TOKEN`, to append to a client command.
        public let client: [String]

        /// `labelbench tasks create` of the task file `json`, written to `folder/task.json`.
        public func createTask(_ json: String, in folder: URL) throws {
            let taskFile = folder.appendingPathComponent("task.json")
            try Data(json.utf8).write(to: taskFile)
            _ = try LabelbenchBinary.run(["tasks", "create", taskFile.path] + client)
        }

        /// Stops the server if it still runs.
        public func stop() {
            if server.process.isRunning { kill(server.process.processIdentifier, SIGKILL) }
        }
    }

    /// How every CLI test starts: `pat`, a token and a server over `folder/data`, logging to `folder/serve.log`.
    public static func practitionerServer(in folder: URL) throws -> PractitionerServer {
        let data = folder.appendingPathComponent("data").path
        _ = try run(["users", "add", "pat", "--role", "practitioner", "--data", data])
        let token = try run(["tokens", "create", "pat", "--data", data])
        let server = try startServer(data: data, log: folder.appendingPathComponent("serve.log"))
        return PractitionerServer(
            data: data, server: server, token: token, client: ["--server", "http://127.0.0.1:\(server.port)", "--token", token])
    }

    /// Starts `labelbench serve` on a free loopback port and waits until `/healthz` answers.
    public static func startServer(data: String, log: URL) throws -> RunningServer {
        let port = try freePort()
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let logHandle = try FileHandle(forWritingTo: log)
        let process = Process()
        process.executableURL = path
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
            if Self.healthy(port: port) { return RunningServer(process: process, client: client, port: port) }
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
    public static func waitForExit(_ process: Process, timeout: Duration) async throws -> Bool {
        let start = ContinuousClock.now
        while process.isRunning {
            if ContinuousClock.now - start > timeout { return false }
            try await Task.sleep(for: .milliseconds(50))
        }
        return true
    }
}
