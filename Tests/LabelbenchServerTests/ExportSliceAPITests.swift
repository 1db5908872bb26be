import Foundation
import LabelbenchCore
import Testing

/// `POST …/exports` takes the slice and split options of `labelbench export` as body fields, records them in
/// the version, and refuses bad values and unknown fields naming them (nothing is committed).
@Suite struct ExportSliceAPITests {
    static let task = #"{"name": "birds", "labels": [{"name": "bird"}, {"name": "other"}]}"#

    /// Twelve gold items (so each has a row without annotations), in three cities.
    static let items =
        (0..<12).map { index in
            let city = ["Oslo", "Bergen", "Molde"][index % 3]
            return
                #"{"id": "b\#(index)", "text": "item \#(index)", "meta": {"city": "\#(city)"}, "gold": "\#(index % 2 == 0 ? "bird" : "other")"}"#
        }.joined(separator: "\n") + "\n"

    @Test func theBodyTakesTheSliceAndSplitAndTheVersionRecordsThem() async throws {
        try await TestServer.inProcess { server in
            let pat = try await server.addUser("pat", role: .practitioner)
            let client = server.client
            #expect(try await client.postRaw("/api/v1/tasks", Data(Self.task.utf8), token: pat.token).status == 201)
            #expect(try await client.importItems("birds", Self.items, token: pat.token).status == 201)
            let body: [String: Any] = [
                "where": ["meta.city=Oslo"], "label": "bird", "min_confidence": 0.5, "state": "gold",
                "split": "train=0.5,test=0.5", "split_by": "meta.city",
            ]
            let created = try await client.postJSON("/api/v1/tasks/birds/exports", body, token: pat.token)
            #expect(created.status == 201, "\(created.text)")
            #expect(Set(created.json["files"] as? [String] ?? []).isSuperset(of: ["labels.jsonl", "train.jsonl", "test.jsonl"]))

            let version = try await client.get("/api/v1/artifacts/birds/v0", token: pat.token)
            let metadata = try #require(version.json["metadata"] as? [String: Any])
            let slice = try #require(metadata["slice"] as? [String: Any])
            #expect(slice["where"] as? [String] == ["meta.city=Oslo"] && slice["label"] as? String == "bird")
            #expect(slice["min_confidence"] as? Double == 0.5 && slice["state"] as? String == "gold")
            #expect(slice["guideline_version"] is NSNull)
            let split = try #require(metadata["split"] as? [String: Any])
            #expect(split["by"] as? String == "meta.city" && split["order"] as? [String] == ["train", "test"])
            #expect(split["shares"] as? [String: Double] == ["train": 0.5, "test": 0.5])
            let lineage = try #require(version.json["lineage"] as? [String: Any])
            #expect(lineage["slice"] != nil && lineage["split"] != nil)

            // Oslo is b0, b3, b6, b9; the birds among them b0 and b6, and one city is one group.
            let labels = try await client.get("/api/v1/artifacts/birds/v0/files/labels.jsonl", token: pat.token)
            #expect(
                labels.text.split(separator: "\n").map { $0.contains(#""id":"b0""#) || $0.contains(#""id":"b6""#) } == [
                    true, true,
                ])
            let train = try await client.get("/api/v1/artifacts/birds/v0/files/train.jsonl", token: pat.token).text
            let test = try await client.get("/api/v1/artifacts/birds/v0/files/test.jsonl", token: pat.token).text
            #expect([train, test].sorted() == ["", labels.text])
            #expect(metadata["items"] as? Int == 2)
        }
    }

    @Test func badOptionsAndUnknownFieldsAreRefusedNamingThem() async throws {
        try await TestServer.inProcess { server in
            let pat = try await server.addUser("pat", role: .practitioner)
            let client = server.client
            #expect(try await client.postRaw("/api/v1/tasks", Data(Self.task.utf8), token: pat.token).status == 201)
            #expect(try await client.importItems("birds", Self.items, token: pat.token).status == 201)
            let refusals: [([String: Any], String)] = [
                (["wher": ["meta.city=Oslo"]], #"unknown field "wher""#),
                (["where": ["city=Oslo"]], #"where: "city=Oslo" is not meta.KEY=VALUE"#),
                (["label": "fish"], #"label: "fish" is not a label of task birds"#),
                (["min_confidence": 2], "min_confidence: give a number from 0 to 1"),
                (["guideline_version": 0], "guideline_version:"),
                (["state": "finished"], #"state: "finished" is not a state"#),
                (["split": "train=0.8,test=0.3"], "split: the shares must sum to 1; 0.8 + 0.3 = 1.1"),
                (["split": "train=0.5,labels=0.5"], #"split: "labels" cannot name a split file"#),
                (["split": "train=1", "split_by": "user"], #"split_by: "user" is not id, annotator or meta.KEY"#),
                (["split_by": "annotator"], "split_by: goes with split"),
            ]
            for (body, message) in refusals {
                let refused = try await client.postJSON("/api/v1/tasks/birds/exports", body, token: pat.token)
                let said = (refused.json["error"] as? [String: Any])?["message"] as? String ?? ""
                #expect(refused.status == 422 && said.contains(message), "\(body): \(refused.status) \(refused.text)")
            }
            #expect(try server.count("artifact_version") == 0, "nothing is committed")
        }
    }
}
