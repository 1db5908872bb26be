import Foundation
import LabelbenchCore
import Testing

/// The queue under concurrent annotators over HTTP: overlap and idempotent submits (lease expiry runs on a set clock in
/// LabelbenchCoreTests/LeaseExpiryTests).
@Suite struct QueueConcurrencyTests {
    @Test func threeAnnotatorsFillOverlapTwoExactly() async throws {
        try await TestServer.run { server in
            let pat = try await server.addUser("pat", role: .practitioner)
            let annotators = try await server.addUsers(["ann-1", "ann-2", "ann-3"], role: .annotator)
            try await server.addTask("overlap", overlap: 2, annotators: annotators.map(\.name))
            #expect(try await server.client.importItems("overlap", TestClient.itemLines(50), token: pat.token).status == 201)

            let labeled = try await withThrowingTaskGroup(of: [String].self) { group in
                for annotator in annotators {
                    group.addTask { try await server.client.labelUntilDone("overlap", token: annotator.token) }
                }
                return try await group.reduce(into: [[String]]()) { $0.append($1) }
            }
            #expect(labeled.map(\.count).reduce(0, +) == 100)

            let rows = try await server.client.annotations("overlap", token: pat.token)
            #expect(rows.count == 100)
            let byItem = Dictionary(grouping: rows) { $0["item"] as? String ?? "" }
            #expect(byItem.count == 50)
            for (item, annotations) in byItem {
                let names = Set(annotations.compactMap { $0["annotator"] as? String })
                #expect(annotations.count == 2 && names.count == 2, "item \(item): \(annotations)")
            }
            // Each annotator, once told "nothing left", stays idle.
            for annotator in annotators {
                #expect(try await server.client.next("overlap", token: annotator.token) == nil)
            }
        }
    }

    @Test func twentyConcurrentSubmitsRecordOneAnnotation() async throws {
        try await TestServer.run { server in
            let pat = try await server.addUser("pat", role: .practitioner)
            let ann = try await server.addUser("ann", role: .annotator)
            try await server.addTask("idem", overlap: 1, annotators: ["ann"])
            #expect(try await server.client.importItems("idem", TestClient.itemLines(2), token: pat.token).status == 201)
            let next = try #require(try await server.client.next("idem", token: ann.token))

            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<20 {
                    group.addTask {
                        // Half retry one request id; the rest are fresh double clicks.
                        let requestID = index.isMultiple(of: 2) ? "same-request" : "click-\(index)"
                        return try await server.client.submit(
                            "idem", item: next.item, label: "yes", lease: next.lease, requestID: requestID, token: ann.token
                        ).status
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == 200 || $0 == 201 }, "\(statuses)")
            #expect(statuses.filter { $0 == 201 }.count == 1, "\(statuses)")
            #expect(try server.count("annotation") == 1)

            let different = try await server.client.submit(
                "idem", item: next.item, label: "no", requestID: "later", token: ann.token)
            #expect(different.status == 409, "\(different.text)")
            #expect(different.errorMessage != nil)
            #expect(try server.count("annotation") == 1)
        }
    }
}
