import Foundation
import LabelbenchCore
import Testing

/// A label typed in two Unicode spellings by two annotators (a precomposed é, and e + combining accent)
/// is the task's one label: agreement counts it as agreement and the service stays up. Before, one
/// `GET …/agreement` on such a span task trapped and ended the process.
@Suite struct CanonicalLabelTests {
    @Test(arguments: [AnswerType.spans, .single])
    func twoSpellingsOfOneLabelAgreeAndNothingTraps(_ answer: AnswerType) async throws {
        try await TestServer.inProcess { server in
            let pat = try await server.addUser("pat", role: .practitioner)
            let annotators = try await server.addUsers(["a", "b"], role: .annotator)
            try await server.database.createTask(
                TaskDefinition(
                    name: "t", title: "t", kind: .text, answer: answer,
                    labels: [TaskLabel(name: "v\u{E9}lo", key: "v"), TaskLabel(name: "car", key: "c")], overlap: 2,
                    annotators: ["a", "b"]), by: nil)
            let client = server.client
            #expect(
                try await client.importItems("t", #"{"id": "i1", "text": "velo ride"}"# + "\n", token: pat.token).status == 201)
            for (annotator, label) in zip(annotators, ["v\u{E9}lo", "ve\u{301}lo"]) {
                let next = try #require(try await client.next("t", token: annotator.token))
                let value: Any = answer == .spans ? [["start": 0, "end": 4, "label": label]] : label
                let submitted = try await client.submit(
                    "t", item: next.item, label: value, lease: next.lease, token: annotator.token)
                #expect(submitted.status == 201, "\(submitted.text)")
            }
            let agreement = try await client.get("/api/v1/tasks/t/agreement", token: pat.token)
            #expect(agreement.status == 200, "\(agreement.text)")
            if answer == .spans {
                let spans = try #require(agreement.json["span_agreement"] as? [String: Any])
                #expect(spans["f1_exact"] as? Double == 1)
            } else {
                #expect(agreement.json["percent_agreement"] as? Double == 1)
            }
            #expect(try await client.get("/api/v1/tasks/t/aggregate", token: pat.token).status == 200)
            #expect(try await client.postJSON("/api/v1/tasks/t/exports", [String: Any](), token: pat.token).status == 201)
        }
    }
}
