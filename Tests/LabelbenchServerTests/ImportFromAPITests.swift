import Foundation
import LabelbenchCore
import Testing

/// `POST /api/v1/tasks/TASK/imports?format=…` at the HTTP edge: the summary for a good file, 422 naming
/// the record with nothing stored for a bad one, an unknown format refused, practitioners only.
@Suite struct ImportFromAPITests {
    static let export = #"""
        [{"id": 1, "data": {"text": "lovely screen", "id": "r1"}, "annotations": [
           {"completed_by": 4, "lead_time": 2.5, "result": [{"type": "choices", "value": {"choices": ["yes"]}}]},
           {"completed_by": 5, "was_cancelled": true, "result": []}]},
         {"id": 2, "data": {"text": "broke in a week"}, "annotations": [
           {"completed_by": 4, "result": [{"type": "choices", "value": {"choices": ["maybe"]}}]}]}]
        """#

    static func post(_ server: TestServer, _ body: String, format: String, token: String) async throws -> HTTPResult {
        try await server.client.postRaw(
            "/api/v1/tasks/reviews/imports?format=\(format)", Data(body.utf8), contentType: "application/octet-stream",
            token: token)
    }

    @Test func importsAllOrNothingAndNamesTheBadRecord() async throws {
        try await TestServer.inProcess { server in
            let pat = try await server.addUser("pat", role: .practitioner, withPassword: true)
            let ann = try await server.addUser("ann", role: .annotator, withPassword: true)
            try await server.addTask("reviews", annotators: ["ann"])

            let refused = try await Self.post(server, Self.export, format: "label-studio", token: pat.token)
            #expect(refused.status == 422, "\(refused.text)")
            #expect(
                refused.errorMessage?.hasPrefix("label-studio index 1 (id 2), annotation by ls-user-4: label: \"maybe\"") == true,
                "\(refused.text)")
            #expect(try server.count("item") == 0 && server.count("annotation") == 0)

            let good = Self.export.replacingOccurrences(of: "maybe", with: "no")
            let imported = try await Self.post(server, good, format: "label-studio", token: pat.token)
            #expect(imported.status == 201, "\(imported.text)")
            #expect(imported.json["items_created"] as? Int == 2 && imported.json["annotations_imported"] as? Int == 2)
            #expect((imported.json["skipped"] as? [String: Any])?["cancelled"] as? Int == 1, "\(imported.text)")

            let unknown = try await Self.post(server, good, format: "excel", token: pat.token)
            #expect(unknown.status == 422 && unknown.errorMessage?.contains("label-studio, mturk, sagemaker") == true)
            #expect(try await Self.post(server, good, format: "label-studio", token: ann.token).status == 403)
        }
    }
}
