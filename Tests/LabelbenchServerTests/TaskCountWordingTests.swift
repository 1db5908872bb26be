import Foundation
import LabelbenchCore
import LabelbenchServer
import Testing

/// Counts on the task pages read as sentences: "1 item", "1 answer", never "1 items".
@Suite struct TaskCountWordingTests {
    @Test func oneItemAndOneAnswerAreSingular() async throws {
        try await TestServer.inProcess { server in
            _ = try await server.addUser("pat", role: .practitioner, withPassword: true)
            let task = try await server.database.createTask(
                TaskDefinition(name: "solo", title: "Solo", labels: [TaskLabel(name: "a"), TaskLabel(name: "b")], overlap: 1),
                by: nil)
            _ = try await server.database.importItems(
                ItemFileParser.parse(Data("{\"id\":\"x\",\"text\":\"one\"}\n".utf8), fileName: "i.jsonl"), into: task)
            let cookie = try await server.client.login("pat")
            let list = try await server.client.get("/tasks", cookie: cookie).text
            #expect(list.contains("0 of 1 answer · 1 item<"), "\(list)")
            let progress = try await server.client.get("/tasks/solo/progress", cookie: cookie).text
            #expect(progress.contains("0 of 1 answer (1 item × overlap 1)"), "\(progress)")
            let delete = try await server.client.get("/tasks/solo/delete", cookie: cookie).text
            #expect(delete.contains("its 1 item and 0 answers"), "\(delete)")
        }
    }
}
