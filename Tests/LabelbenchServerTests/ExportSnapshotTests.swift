import Foundation
import LabelbenchCore
import Testing

/// An export reads one snapshot: while annotators keep submitting, every version's rows, its metadata
/// counts and its quality report describe the same set of annotations.
@Suite struct ExportSnapshotTests {
    @Test func exportsWhileAnnotatorsSubmitAreEachOneSnapshot() async throws {
        try await TestServer.inProcess { server in
            let pat = try await server.addUser("pat", role: .practitioner)
            let annotators = try await server.addUsers(["a1", "a2", "a3"], role: .annotator)
            try await server.addTask("t", overlap: 3, annotators: annotators.map(\.name))
            let client = server.client
            #expect(try await client.importItems("t", TestClient.itemLines(150), token: pat.token).status == 201)

            let references = try await withThrowingTaskGroup(of: [String].self) { group in
                for (offset, annotator) in annotators.enumerated() {
                    group.addTask {
                        _ = try await client.labelUntilDone("t", token: annotator.token, label: offset == 2 ? "no" : "yes")
                        return []
                    }
                }
                group.addTask {
                    // Export again and again until a version holds every answer (150 items x 3).
                    var references: [String] = []
                    for _ in 0..<1000 {
                        let export = try await client.postJSON("/api/v1/tasks/t/exports", [String: Any](), token: pat.token)
                        guard export.status == 201 || export.status == 200 else {
                            throw TestFailure("export: \(export.status) \(export.text)")
                        }
                        let reference = try #require(export.json["reference"] as? String)
                        references.append(reference)
                        let manifest = try await client.get(
                            "/api/v1/artifacts/t/\(reference.dropFirst(2))/manifest", token: pat.token)
                        if (manifest.json["metadata"] as? [String: Any])?["annotations"] as? Int == 450 { return references }
                    }
                    throw TestFailure("no export saw all 450 annotations")
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }

            var annotationCounts: Set<Int> = []
            for reference in Set(references) {
                let version = reference.replacingOccurrences(of: "t:", with: "")
                let manifest = try await client.get("/api/v1/artifacts/t/\(version)/manifest", token: pat.token)
                let metadata = try #require(manifest.json["metadata"] as? [String: Any])
                let labels = try await client.get("/api/v1/artifacts/t/\(version)/files/labels.jsonl", token: pat.token)
                let rows = try labels.text.split(separator: "\n").map {
                    try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
                }
                let inRows = rows.reduce(0) { $0 + (($1["annotations"] as? [Any])?.count ?? 0) }
                #expect(metadata["annotations"] as? Int == inRows, "\(reference): metadata and rows disagree")
                #expect(metadata["items"] as? Int == rows.count, "\(reference)")
                let quality = try await client.get("/api/v1/artifacts/t/\(version)/files/quality.json", token: pat.token)
                let report = try #require(try JSONSerialization.jsonObject(with: Data(quality.text.utf8)) as? [String: Any])
                #expect(report["annotations"] as? Int == inRows, "\(reference): the quality report and rows disagree")
                annotationCounts.insert(inRows)
            }
            // The exports did overlap the submits: they saw different numbers of annotations.
            #expect(annotationCounts.count > 1, "every export saw \(annotationCounts)")
        }
    }
}
