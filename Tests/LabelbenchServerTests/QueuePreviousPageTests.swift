import Foundation
import Testing

@testable import LabelbenchCore
@testable import LabelbenchServer

/// "Change an answer": the page's statuses, and the one rule that turns ticked labels into an answer.
@Suite struct QueuePreviousPageTests {
    @Test func thePreviousPageIsFoundMissingOrShownAgainWithItsError() async throws {
        try await TestServer.inProcess { server in
            let pat = try await server.addUser("pat", role: .practitioner)
            _ = try await server.addUser("ann", role: .annotator, withPassword: true)
            try await server.addTask("t", annotators: ["ann"])
            #expect(try await server.client.importItems("t", TestClient.itemLines(2), token: pat.token).status == 201)
            let cookie = try await server.client.login("ann")
            let item = try await server.client.get("/queue/t", cookie: cookie)
            let csrf = try TestClient.hiddenField("csrf", in: item.text)
            let itemID = try TestClient.hiddenField("item", in: item.text)
            let answered = try await server.client.postForm(
                "/queue/t", [("csrf", csrf), ("item", itemID), ("label", "yes")], cookie: cookie)
            #expect(answered.status == 303)

            #expect(try await server.client.get("/queue/t/previous", cookie: cookie).status == 200)
            #expect(try await server.client.get("/queue/t/previous?item=nope", cookie: cookie).status == 404)
            let refused = try await server.client.postForm(
                "/queue/t/previous", [("csrf", csrf), ("item", itemID)], cookie: cookie)
            #expect(refused.status == 422)
            #expect(refused.text.contains("Pick a label."))
        }
    }

    @Test func tickedLabelsBecomeAnAnswerOfTheTasksType() throws {
        let single = LabelingTask(
            id: 1, name: "s", title: "s", kind: .text, answer: .single, labels: [TaskLabel(name: "a"), TaskLabel(name: "b")],
            overlap: 1, leaseSeconds: 60, goldRate: 0, guidelineVersion: 1, createdAt: Date(), createdBy: nil)
        var multiple = single
        multiple.answer = .multiple
        #expect(try Answer.chosen(["b"], for: single) == .one("b"))
        #expect(try Answer.chosen(["a", "b"], for: multiple) == .many(["a", "b"]))
        #expect(throws: DomainError.invalid("Pick a label.")) { try Answer.chosen([], for: single) }
        #expect(throws: DomainError.invalid("Pick at least one label.")) { try Answer.chosen([], for: multiple) }
    }
}
