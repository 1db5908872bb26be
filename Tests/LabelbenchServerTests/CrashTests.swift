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
    @Test(.enabled(if: LabelbenchBinary.exists, Comment(rawValue: LabelbenchBinary.missing)))
    func acknowledgedAnnotationsSurviveKillNine() async throws {
        let folder = try TestServer.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("data").path

        _ = try LabelbenchBinary.run(
            ["users", "add", "pat", "--role", "practitioner", "--password-stdin", "--data", data], stdin: "pat-password-123\n")
        let annotators = (1...8).map { "ann-\($0)" }
        for name in annotators {
            _ = try LabelbenchBinary.run(["users", "add", name, "--role", "annotator", "--data", data])
        }
        let patToken = try LabelbenchBinary.run(["tokens", "create", "pat", "--data", data])
        var tokens: [String] = []
        for name in annotators { tokens.append(try LabelbenchBinary.run(["tokens", "create", name, "--data", data])) }

        var server = try LabelbenchBinary.startServer(data: data, log: folder.appendingPathComponent("serve-1.log"))
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
        #expect(try await LabelbenchBinary.waitForExit(server.process, timeout: .seconds(30)))
        #expect(server.process.terminationReason == .uncaughtSignal)
        let acked = await acknowledged.pairs
        #expect(acked.count > 0, "no annotation was acknowledged before the kill")
        print("CrashTests: \(acked.count) annotations acknowledged before kill -9")

        server = try LabelbenchBinary.startServer(data: data, log: folder.appendingPathComponent("serve-2.log"))
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
            try await LabelbenchBinary.waitForExit(server.process, timeout: .seconds(30)),
            "the server did not stop within 30 s of SIGTERM")
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
}
