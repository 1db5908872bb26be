import Foundation
import LabelbenchCore
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The service never fetches a URL a user supplies: an item list naming images by URL is refused, and
/// Markdown with a remote image is rendered without the server reaching for it. A listener on a
/// loopback port stands where an internal service would be and must see no connection.
@Suite struct NoFetchTests {
    @Test func urlsInItemsAndInstructionsAreNeverFetched() async throws {
        let listener = try LoopbackListener()
        defer { listener.close() }
        let url = "http://127.0.0.1:\(listener.port)"
        try await TestServer.inProcess { server in
            let pat = try await server.addUser("pat", role: .practitioner)
            try await server.addUser("ann", role: .annotator, withPassword: true)
            try await server.database.createTask(
                TaskDefinition(
                    name: "pics", title: "pics", kind: .image, labels: [TaskLabel(name: "yes"), TaskLabel(name: "no")],
                    overlap: 1, instructions: "Compare with ![reference](\(url)/ref.png) and [the wiki](\(url)/wiki).",
                    annotators: ["ann"]), by: nil)
            let list = Data(
                """
                {"id": "u1", "image": "\(url)/a.png"}
                {"id": "u2", "image": "//127.0.0.1:\(listener.port)/b.png"}

                """.utf8)
            let upload = try await server.client.importImages("pics", [("items.jsonl", list)], token: pat.token)
            #expect((400..<500).contains(upload.status), "\(upload.status) \(upload.text)")
            #expect(try server.count("item") == 0)

            let cookie = try await server.client.login("ann")
            let page = try await server.client.get("/queue/pics", cookie: cookie)
            #expect(page.status == 200)
            #expect(try await server.client.get("/api/v1/tasks/pics", token: pat.token).status == 200)
        }
        try await Task.sleep(for: .milliseconds(300))
        #expect(listener.connectionsWaiting() == 0, "the server connected to a URL a user gave it")
    }
}

/// A TCP socket listening on 127.0.0.1 on a free port, never accepting: a connection attempt shows
/// as one waiting in its backlog.
struct LoopbackListener {
    let descriptor: Int32
    let port: Int

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(descriptor, pointer, length) == 0 && listen(descriptor, 16) == 0
                    && getsockname(descriptor, pointer, &length) == 0
            }
        }
        guard descriptor >= 0, bound else { throw TestFailure("cannot listen on 127.0.0.1: errno \(errno)") }
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        self.descriptor = descriptor
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    /// Accepts (and closes) every connection waiting; returns how many there were.
    func connectionsWaiting() -> Int {
        var count = 0
        while true {
            let connection = accept(descriptor, nil, nil)
            if connection < 0 { return count }
            Glibc.close(connection)
            count += 1
        }
    }

    func close() { Glibc.close(descriptor) }
}
