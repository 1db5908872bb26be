import Foundation
import Hummingbird
import HummingbirdTesting
import LabelbenchCore
import LabelbenchServer
import Logging
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Finding 12 of the hardening issue: a connection that never finishes its request head
/// (slowloris) or sits idle is closed after `idleTimeout`, over real sockets on 127.0.0.1.
@Suite struct ConnectionTimeoutTests {
    /// A blocking TCP socket to 127.0.0.1 with a receive timeout, so every read ends by itself.
    struct RawConnection {
        let descriptor: Int32

        init(port: Int, receiveTimeout seconds: Int) throws {
            descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard descriptor >= 0 else { throw TestFailure("socket() failed") }
            var timeout = timeval(tv_sec: seconds, tv_usec: 0)
            setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            guard connected == 0 else {
                close(descriptor)
                throw TestFailure("connect() failed")
            }
        }

        func send(_ text: String) {
            _ = text.withCString { Glibc.send(descriptor, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
        }

        /// Whether the server has closed the connection: a read gives end of file or a reset.
        func isClosed() -> Bool {
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = recv(descriptor, &buffer, buffer.count, Int32(MSG_DONTWAIT))
            return count == 0 || (count < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
        }

        func end() { close(descriptor) }
    }

    @Test func partialHeadersAndIdleConnectionsAreClosed() async throws {
        let root = try TestServer.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = DataFolder(path: root.appendingPathComponent("data").path)
        var logger = Logger(label: "labelbench-test")
        logger.logLevel = .error
        let config = ServerConfig(
            host: "127.0.0.1", port: 0, resourcesPath: TestServer.repositoryRoot().path, idleTimeout: .seconds(1))
        let app = try await buildApplication(
            config: config, database: try folder.openDatabase(), dataFolder: folder, logger: logger)
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let started = ContinuousClock.now
            let connections = try (0..<20).map { _ in try RawConnection(port: port, receiveTimeout: 8) }
            defer { for connection in connections { connection.end() } }
            for connection in connections { connection.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ") }
            let idle = try RawConnection(port: port, receiveTimeout: 8)
            defer { idle.end() }
            // Polled rather than read in blocking tasks, which would hold the few cooperative threads.
            var open = connections + [idle]
            // Without the idle timeout none would ever close; the bounds leave room for a loaded machine.
            while !open.isEmpty, ContinuousClock.now - started < .seconds(15) {
                open.removeAll { $0.isClosed() }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(open.isEmpty, "\(open.count) connections still open")
            #expect(ContinuousClock.now - started < .seconds(10))
            // A whole request on a fresh connection is still answered.
            let fresh = try RawConnection(port: port, receiveTimeout: 10)
            defer { fresh.end() }
            fresh.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            var buffer = [UInt8](repeating: 0, count: 512)
            let count = recv(fresh.descriptor, &buffer, buffer.count, 0)
            #expect(String(decoding: buffer.prefix(max(count, 0)), as: UTF8.self).hasPrefix("HTTP/1.1 200"))
        }
    }
}
