import Foundation
import Hummingbird
import LabelbenchCore
import LabelbenchServer
import TestImageFixtures
import Testing

/// `answer: boxes` over the API through the in-process router: a box task created from a task file,
/// real PNG items whose stored size the boxes are checked against, box lists submitted under leases,
/// refused with 422s naming the box, imported, ruled on and listed back.
@Suite struct BoxAPITests {
    /// The task file of the contract, as `labelbench tasks create` sends it.
    static let taskFile = """
        {"name": "street", "title": "Street objects", "kind": "image", "answer": "boxes", "overlap": 2,
         "annotators": ["ann", "bob", "cy"],
         "labels": [{"name": "pedestrian", "key": "p"}, {"name": "car", "key": "c"}]}
        """

    struct Desk: Sendable {
        let client: TestClient
        let pat: String
        let ann: String
        let bob: String
        let cy: String

        func post(_ path: String, _ body: String, token: String) async throws -> (status: Int, text: String) {
            try await APIInputTests.send(client, .post, path, body, token: token)
        }

        func labels() async throws -> [String] {
            try await APIInputTests.send(client, .get, "/api/v1/tasks/street/annotations", nil, token: pat).text
                .split(separator: "\n").map(String.init)
        }
    }

    /// A box task over two uploaded PNGs: "wide.png" 64×48 and "small.png" 20×10.
    static func withBoxTask(_ body: @Sendable (Desk) async throws -> Void) async throws {
        try await TestServer.inProcess { server in
            let pat = try await server.addUser("pat", role: .practitioner)
            let people = try await server.addUsers(["ann", "bob", "cy"], role: .annotator)
            let created = try await APIInputTests.send(server.client, .post, "/api/v1/tasks", taskFile, token: pat.token)
            #expect(created.status == 201, "\(created.text)")
            let upload = try await server.client.importImages(
                "street",
                [
                    ("wide.png", TestImages.png(width: 64, height: 48, seed: 1)),
                    ("small.png", TestImages.png(width: 20, height: 10, seed: 2)),
                ], token: pat.token)
            #expect(upload.status == 201, "\(upload.text)")
            try await body(
                Desk(client: server.client, pat: pat.token, ann: people[0].token, bob: people[1].token, cy: people[2].token))
        }
    }

    @Test func aBoxTaskIsCreatedFromItsTaskFileAndReadBack() async throws {
        try await Self.withBoxTask { desk in
            let read = try await APIInputTests.send(desk.client, .get, "/api/v1/tasks/street", nil, token: desk.pat)
            #expect(read.status == 200)
            #expect(read.text.contains(#""answer":"boxes""#) && read.text.contains(#""kind":"image""#), "\(read.text)")
            #expect(read.text.contains(#""key":"p""#), "\(read.text)")
            let document = try await APIInputTests.send(desk.client, .get, "/api/v1/openapi.json", nil, token: desk.pat)
            #expect(document.text.contains(#""Box": {"type": "object", "required": ["x", "y", "w", "h", "label"]"#))
        }
    }

    @Test func boxesAreRefusedForTextTasksNamingTheAnswer() async throws {
        try await Self.withBoxTask { desk in
            for kind in [#""kind": "text", "#, ""] {
                let result = try await desk.post(
                    "/api/v1/tasks", #"{"name": "notes", \#(kind)"answer": "boxes", "labels": [{"name": "a"}, {"name": "b"}]}"#,
                    token: desk.pat)
                #expect(
                    result.status == 422
                        && result.text.contains(
                            "answer: boxes mark objects on an image item; a text task answers single, multiple, rating or spans"),
                    "\(result.text)")
            }
            let listed = try await APIInputTests.send(desk.client, .get, "/api/v1/tasks", nil, token: desk.pat)
            #expect(!listed.text.contains(#""notes""#), "\(listed.text)")
        }
    }

    @Test func boxListsAreSubmittedUnderLeasesAndListedBack() async throws {
        try await Self.withBoxTask { desk in
            // Each of the two annotators labels both items through next → submit; overlap 2 then
            // leaves nothing for the third.
            var answered: [String: [String]] = [:]
            for token in [desk.ann, desk.bob] {
                while let next = try await desk.client.next("street", token: token) {
                    // The lease gives the image's stored size, the one boxes are checked against.
                    #expect(next.body.contains(next.item == "wide.png" ? #""width":64,"height":48"# : #""width":20,"height":10"#))
                    let label =
                        next.item == "wide.png"
                        ? #"[{"x": 12.0, "y": 40.5, "w": 30, "h": 7.5, "label": "pedestrian"}, {"x": 63.5, "y": 0, "w": 1, "h": 1, "label": "car"}]"#
                        : "[]"
                    let body =
                        #"{"item": "\#(next.item)", "lease": "\#(next.lease)", "request_id": "r-\#(next.item)", "label": \#(label)}"#
                    let first = try await desk.post("/api/v1/tasks/street/annotations", body, token: token)
                    #expect(first.status == 201, "\(first.text)")
                    // A retried request, and the same list sent again without its request id, return the stored answer.
                    let retried = try await desk.post("/api/v1/tasks/street/annotations", body, token: token)
                    #expect(retried.status == 200, "\(retried.text)")
                    let again = try await desk.post(
                        "/api/v1/tasks/street/annotations", #"{"item": "\#(next.item)", "label": \#(label)}"#, token: token)
                    #expect(again.status == 200, "\(again.text)")
                    answered[token, default: []].append(next.item)
                }
            }
            #expect(answered[desk.ann]?.sorted() == ["small.png", "wide.png"])
            #expect(answered[desk.bob]?.sorted() == ["small.png", "wide.png"])
            #expect(try await desk.client.next("street", token: desk.cy) == nil)
            let wide = #"[{"x":12,"y":40.5,"w":30,"h":7.5,"label":"pedestrian"},{"x":63.5,"y":0,"w":0.5,"h":1,"label":"car"}]"#
            let rows = try await desk.labels()
            #expect(rows.count == 4, "\(rows)")
            #expect(rows.filter { $0.contains(#""item":"small.png""#) }.allSatisfy { $0.contains(#""label":[]"#) }, "\(rows)")
            #expect(
                rows.filter { $0.contains(#""item":"wide.png""#) }.allSatisfy { $0.contains(#""label":\#(wide)"#) }, "\(rows)")
            // A changed list for an answered item is a conflict, not a second answer.
            let changed = try await desk.post(
                "/api/v1/tasks/street/annotations",
                #"{"item": "small.png", "label": [{"x": 1, "y": 1, "w": 1, "h": 1, "label": "car"}]}"#,
                token: desk.ann)
            #expect(changed.status == 409, "\(changed.text)")
        }
    }

    @Test func badBoxListsAre422NamingTheBoxAndStoreNothing() async throws {
        try await Self.withBoxTask { desk in
            let next = try #require(try await desk.client.next("street", token: desk.ann))
            let (width, height) = next.item == "wide.png" ? (64, 48) : (20, 10)
            let image = "the \(width)×\(height) image (more than 0.5 px past an edge)"
            let cases: [(String, String)] = [
                (
                    #"[{"x": 1, "y": 1, "w": 2, "h": 2, "label": "car"}, {"x": 0, "y": 0, "w": \#(width).51, "h": 1, "label": "car"}]"#,
                    #"box 2 (x 0, y 0, w \#(width).51, h 1, label \"car\"): lies outside \#(image)"#
                ),
                (
                    #"[{"x": 0, "y": -0.51, "w": 1, "h": 1, "label": "pedestrian"}]"#,
                    #"box 1 (x 0, y -0.51, w 1, h 1, label \"pedestrian\"): lies outside \#(image)"#
                ),
                (
                    #"[{"x": 1, "y": 1, "w": 0, "h": 2, "label": "car"}]"#,
                    #"box 1 (x 1, y 1, w 0, h 2, label \"car\"): w must be greater than 0"#
                ),
                (
                    #"[{"x": 1, "y": 1, "w": 2, "h": 2, "label": "bus"}]"#,
                    #"box 1 (x 1, y 1, w 2, h 2, label \"bus\"): \"bus\" is not one of the task's labels"#
                ),
                (#"[{"x": 1, "y": 1, "w": 2, "h": true, "label": "car"}]"#, #"box 1: \"h\" must be a number of pixels"#),
                (#""car""#, "label: expected a list of boxes"),
                // JSON cannot hold infinity: a number out of range is refused as the body's label, before any box is read.
                (#"[{"x": 1e999, "y": 1, "w": 2, "h": 2, "label": "car"}]"#, "label: expected a label name"),
            ]
            for (label, expected) in cases {
                let result = try await desk.post(
                    "/api/v1/tasks/street/annotations",
                    #"{"item": "\#(next.item)", "lease": "\#(next.lease)", "label": \#(label)}"#,
                    token: desk.ann)
                #expect(result.status == 422 && result.text.contains(expected), "\(label): \(result.status) \(result.text)")
            }
            #expect(try await desk.labels().isEmpty)
            // The lease survives the refusals: the corrected list is taken under it.
            let fixed = try await desk.post(
                "/api/v1/tasks/street/annotations",
                #"{"item": "\#(next.item)", "lease": "\#(next.lease)", "label": [{"x": 0, "y": 0, "w": \#(width).5, "h": 1, "label": "car"}]}"#,
                token: desk.ann)
            #expect(fixed.status == 201, "\(fixed.text)")
            #expect(try await desk.labels().first?.contains(#"{"x":0,"y":0,"w":\#(width),"h":1,"label":"car"}"#) == true)
        }
    }

    @Test func importRefusesTheLineAndBoxAndImportsNothing() async throws {
        try await Self.withBoxTask { desk in
            let lines = [
                #"{"item": "wide.png", "annotator": "ext", "label": [{"x": 60, "y": 40, "w": 4.5, "h": 8.5, "label": "car"}]}"#,
                #"{"item": "small.png", "annotator": "ext", "label": [{"x": 0, "y": 0, "w": 5, "h": 5, "label": "car"}, {"x": 15, "y": 5, "w": 5.6, "h": 5, "label": "car"}]}"#,
            ]
            let refused = try await desk.post(
                "/api/v1/tasks/street/annotations/import", lines.joined(separator: "\n"), token: desk.pat)
            #expect(
                refused.status == 422
                    && refused.text.contains(
                        #"annotations line 2: label: box 2 (x 15, y 5, w 5.6, h 5, label \"car\"): lies outside the 20×10 image"#),
                "\(refused.text)")
            #expect(try await desk.labels().isEmpty)
            let imported = try await desk.post(
                "/api/v1/tasks/street/annotations/import",
                lines[0] + "\n" + #"{"item": "small.png", "annotator": "ext", "label": []}"#,
                token: desk.pat)
            #expect(imported.status == 201 && imported.text.contains(#""imported":2"#), "\(imported.text)")
            #expect(
                try await desk.labels().map {
                    $0.contains(#""label":[{"x":60,"y":40,"w":4,"h":8,"label":"car"}]"#) || $0.contains(#""label":[]"#)
                }
                    == [true, true])
        }
    }

    @Test func aRulingIsAWholeBoxListCheckedAgainstTheImage() async throws {
        try await Self.withBoxTask { desk in
            let past = try await APIInputTests.send(
                desk.client, .put, "/api/v1/tasks/street/adjudications",
                #"{"item": "small.png", "label": [{"x": 10, "y": 0, "w": 11, "h": 1, "label": "car"}]}"#, token: desk.pat)
            #expect(
                past.status == 422
                    && past.text.contains(#"box 1 (x 10, y 0, w 11, h 1, label \"car\"): lies outside the 20×10 image"#))
            let ruled = try await APIInputTests.send(
                desk.client, .put, "/api/v1/tasks/street/adjudications",
                #"{"item": "small.png", "label": [{"x": 10, "y": 0, "w": 10.5, "h": 1, "label": "car"}, {"x": 0, "y": 0, "w": 1, "h": 1, "label": "pedestrian"}], "note": "two"}"#,
                token: desk.pat)
            #expect(ruled.status == 200 || ruled.status == 201, "\(ruled.text)")
            let listed = try await APIInputTests.send(
                desk.client, .get, "/api/v1/tasks/street/adjudications", nil, token: desk.pat)
            #expect(
                listed.text.contains(
                    #""label":[{"x":10,"y":0,"w":10,"h":1,"label":"car"},{"x":0,"y":0,"w":1,"h":1,"label":"pedestrian"}]"#),
                "\(listed.text)")
        }
    }

    /// Hand-worked: on wide.png one of two boxes is matched (F1 2·1 / (2 + 1) = 2/3, IoU 1), and on
    /// small.png both answered `[]` (F1 1), so the mean over the two pairs is 5/6.
    @Test func agreementAndAggregateOfABoxTaskAreTheBoxReports() async throws {
        try await Self.withBoxTask { desk in
            let car = #"{"x": 0, "y": 0, "w": 10, "h": 10, "label": "car"}"#
            let lines = [
                #"{"item": "wide.png", "annotator": "ext-a", "label": [\#(car), {"x": 20, "y": 20, "w": 10, "h": 20, "label": "pedestrian"}]}"#,
                #"{"item": "wide.png", "annotator": "ext-b", "label": [\#(car)]}"#,
                #"{"item": "small.png", "annotator": "ext-a", "label": []}"#,
                #"{"item": "small.png", "annotator": "ext-b", "label": []}"#,
            ]
            let imported = try await desk.post(
                "/api/v1/tasks/street/annotations/import", lines.joined(separator: "\n"), token: desk.pat)
            #expect(imported.status == 201, "\(imported.text)")
            let report = try await APIInputTests.send(desk.client, .get, "/api/v1/tasks/street/agreement", nil, token: desk.pat)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(report.text.utf8)) as? [String: Any])
            let boxes = try #require(json["box_agreement"] as? [String: Any], "\(report.text)")
            #expect(boxes["pairs"] as? Int == 2)
            #expect(abs((boxes["f1_iou50"] as? Double ?? 0) - 5.0 / 6) < 1e-9, "\(boxes)")
            #expect(boxes["mean_iou"] as? Double == 1)
            let consensus = try await APIInputTests.send(
                desk.client, .get, "/api/v1/tasks/street/aggregate", nil, token: desk.pat)
            let rows = try #require(
                (try JSONSerialization.jsonObject(with: Data(consensus.text.utf8)) as? [String: Any])?["labels"]
                    as? [[String: Any]],
                "\(consensus.text)")
            // Only the car has a strict majority (both answers) on wide.png; small.png's consensus is [].
            let byItem = Dictionary(uniqueKeysWithValues: rows.map { ($0["item"] as? String ?? "", $0["label"]) })
            let wide = try #require(byItem["wide.png"] as? [[String: Any]], "\(consensus.text)")
            #expect(wide.map { $0["label"] as? String } == ["car"] && wide.first?["w"] as? Double == 10, "\(consensus.text)")
            #expect((byItem["small.png"] as? [Any])?.isEmpty == true, "\(consensus.text)")
        }
    }
}
