import Agreement
import Foundation
import Testing

@testable import LabelbenchCore

/// `answer: boxes` on image tasks: authoring, and box lists submitted, imported, given as gold,
/// ruled on and revised, each checked against the item's stored image size (a box past an edge by
/// at most 0.5 px is clamped to it, more is refused naming the box) with nothing stored on refusal.
@Suite struct BoxAnswerTests {
    /// "street" is 640×480 and "crop" 100×50.
    private func boxTask(gold: [String: String] = [:]) async throws -> (AppDatabase, LabelingTask, [User]) {
        let db = try Fixture.database()
        var definition = Fixture.definition(name: "street", answer: .boxes, labels: ["pedestrian", "car", "cyclist"])
        definition.kind = .image
        let (task, users) = try await Fixture.task(db, definition, annotators: ["ann-1", "ann-2"], items: 0)
        try await db.importItems(
            [("street", 640, 480), ("crop", 100, 50)].enumerated().map { index, image in
                ItemDraft(
                    externalID: image.0,
                    content: .image(
                        StoredImage(
                            sha256: String(repeating: String(index), count: 64), mimeType: "image/png", width: image.1,
                            height: image.2)),
                    gold: try gold[image.0].map { JSONValueBox(try JSONSerialization.jsonObject(with: Data($0.utf8))) },
                    origin: .line(index + 1, of: "items.jsonl"))
            }, into: task)
        return (db, task, users)
    }

    private func answer(_ json: String, for task: LabelingTask) throws -> Answer {
        try Answer.parse(JSONSerialization.jsonObject(with: Data(json.utf8), options: .fragmentsAllowed), for: task)
    }

    private func stored(_ db: AppDatabase, _ task: LabelingTask) async throws -> [String] {
        var rows: [String] = []
        try await db.forEachAnnotation(of: task) { rows.append("\($0.item) \($0.annotator) \($0.answer.json)") }
        return rows
    }

    private func submit(
        _ json: String, item: String, _ db: AppDatabase, _ task: LabelingTask, by user: User
    ) async throws -> AnnotationView {
        try await db.submitAnnotation(AnnotationSubmission(itemID: item, answer: answer(json, for: task)), in: task, by: user)
    }

    @Test func boxesAreForImageTasksOnly() throws {
        var definition = Fixture.definition(answer: .boxes, labels: ["pedestrian", "car"])
        #expect(definition.problems().map(\.field) == ["answer"])
        definition.kind = .image
        #expect(definition.problems().isEmpty)
        let text = #"{"name": "notes", "kind": "text", "answer": "boxes", "labels": [{"name": "a"}, {"name": "b"}]}"#
        #expect(
            throws: DomainError.invalid(
                "answer: boxes mark objects on an image item; a text task answers single, multiple, rating or spans")
        ) {
            try TaskDefinition.decode(Data(text.utf8))
        }
        // The task file's default kind is text, so a box task must say it is an image task.
        let implicit = #"{"name": "notes", "answer": "boxes", "labels": [{"name": "a"}, {"name": "b"}]}"#
        #expect(throws: DomainError.self) { try TaskDefinition.decode(Data(implicit.utf8)) }
        let image =
            #"{"name": "street", "kind": "image", "answer": "boxes", "labels": [{"name": "pedestrian", "key": "p"}, {"name": "car"}]}"#
        #expect(try TaskDefinition.decode(Data(image.utf8)).answer == .boxes)
    }

    @Test func boxesAreStoredInTheOrderSentClampedToTheImage() async throws {
        let (db, task, users) = try await boxTask()
        // The second box reaches 0.5 px past the left and bottom edges, the third 0.5 px past the right.
        let sent =
            #"[{"x": 12.0, "y": 40.5, "w": 30, "h": 80, "label": "pedestrian"},"#
            + #" {"x": -0.5, "y": 400, "w": 100.25, "h": 80.5, "label": "car"},"#
            + #" {"x": 600, "y": 0, "w": 40.5, "h": 10, "label": "cyclist", "note": "ignored"}]"#
        let view = try await submit(sent, item: "street", db, task, by: users[0])
        let clamped = [
            Box(x: 12, y: 40.5, w: 30, h: 80, label: "pedestrian"), Box(x: 0, y: 400, w: 99.75, h: 80, label: "car"),
            Box(x: 600, y: 0, w: 40, h: 10, label: "cyclist"),
        ]
        #expect(view.answer == .boxes(clamped))
        #expect(
            try await stored(db, task) == [
                #"street ann-1 [{"x":12,"y":40.5,"w":30,"h":80,"label":"pedestrian"},"#
                    + #"{"x":0,"y":400,"w":99.75,"h":80,"label":"car"},{"x":600,"y":0,"w":40,"h":10,"label":"cyclist"}]"#
            ])
        // The same list sent again (a retried request) is the same answer once clamped: not a conflict.
        let resent = try await submit(sent, item: "street", db, task, by: users[0])
        #expect(!resent.created && resent.id == view.id)
        let conflict = await domainError {
            _ = try await submit(
                #"[{"x": 12, "y": 40.5, "w": 31, "h": 80, "label": "pedestrian"}]"#, item: "street", db, task, by: users[0])
        }
        #expect(conflict == .conflict("you already answered item street with a different label"))
    }

    @Test func anEmptyListIsARealAnswerAndResubmits() async throws {
        let (db, task, users) = try await boxTask()
        let none = try answer("[]", for: task)
        #expect(none == .boxes([]))
        // `[]` is stored the same whatever the list holds, so every empty list is one answer.
        #expect(Answer(storedJSON: "[]") == none && Set([none, Answer.many([]), Answer.spans([])]).count == 1)
        let first = try await db.submitAnnotation(AnnotationSubmission(itemID: "crop", answer: none), in: task, by: users[1])
        let second = try await db.submitAnnotation(AnnotationSubmission(itemID: "crop", answer: none), in: task, by: users[1])
        #expect(first.created && !second.created && second.id == first.id)
        #expect(try await stored(db, task) == ["crop ann-2 []"])
    }

    @Test(arguments: [
        (
            #"[{"x": 0, "y": 0, "w": 10, "h": 10, "label": "car"}, {"x": 90, "y": 0, "w": 10.51, "h": 10, "label": "car"}]"#,
            "box 2 (x 90, y 0, w 10.51, h 10, label \"car\"): lies outside the 100×50 image (more than 0.5 px past an edge)"
        ),
        (
            #"[{"x": 0, "y": 40, "w": 10, "h": 10.51, "label": "cyclist"}]"#,
            "box 1 (x 0, y 40, w 10, h 10.51, label \"cyclist\"): lies outside the 100×50 image (more than 0.5 px past an edge)"
        ),
        // Within half a pixel of the edge but wholly outside: nothing of it is on the image.
        (
            #"[{"x": 100, "y": 0, "w": 0.5, "h": 10, "label": "car"}]"#,
            "box 1 (x 100, y 0, w 0.5, h 10, label \"car\"): lies outside the 100×50 image (more than 0.5 px past an edge)"
        ),
    ])
    func boxesPastTheImageAreRefusedAndNothingIsStored(_ json: String, _ message: String) async throws {
        let (db, task, users) = try await boxTask()
        let error = await domainError { _ = try await submit(json, item: "crop", db, task, by: users[0]) }
        #expect(error == .invalid("label: \(message)"))
        #expect(try await stored(db, task).isEmpty)
        // The same list fits the larger image.
        #expect(try await submit(json, item: "street", db, task, by: users[0]).created)
    }

    @Test(arguments: [
        (
            #"[{"x": 1, "y": 1, "w": 0, "h": 10, "label": "car"}]"#,
            #"box 1 (x 1, y 1, w 0, h 10, label "car"): w must be greater than 0"#
        ),
        (
            #"[{"x": 1, "y": 1, "w": 5, "h": 5, "label": "car"}, {"x": 1, "y": 1, "w": 5, "h": -2, "label": "car"}]"#,
            #"box 2 (x 1, y 1, w 5, h -2, label "car"): h must be greater than 0"#
        ),
        (
            #"[{"x": 1, "y": 1, "w": 5, "h": 5, "label": "bus"}]"#,
            #"box 1 (x 1, y 1, w 5, h 5, label "bus"): "bus" is not one of the task's labels"#
        ),
        (#"[{"x": 1, "y": 1, "w": 5, "h": 5, "label": ""}]"#, #"box 1 (x 1, y 1, w 5, h 5, label ""): label must not be empty"#),
        (#"[{"x": 1, "y": 1, "w": 5, "label": "car"}]"#, #"box 1 has no "h""#),
        (#"[{"x": "1", "y": 1, "w": 5, "h": 5, "label": "car"}]"#, #"box 1: "x" must be a number of pixels"#),
        (#"[{"x": true, "y": 1, "w": 5, "h": 5, "label": "car"}]"#, #"box 1: "x" must be a number of pixels"#),
        (#"["car"]"#, #"box 1 is not an object {"x", "y", "w", "h", "label"}"#),
        (#""car""#, #"expected a list of boxes {"x", "y", "w", "h", "label"}"#),
    ])
    func badBoxListsAreRefusedNamingTheBox(_ json: String, _ message: String) async throws {
        let (_, task, _) = try await boxTask()
        #expect(throws: DomainError.invalid("label: \(message)")) { try answer(json, for: task) }
    }

    /// JSON cannot carry infinities or NaN, but a value handed over in code can.
    @Test func nonFiniteCoordinatesAreRefused() async throws {
        let (_, task, _) = try await boxTask()
        for bad in [Double.infinity, -Double.infinity, Double.nan] {
            let list: [Any] = [["x": 1.0, "y": bad, "w": 5.0, "h": 5.0, "label": "car"]]
            let error = await domainError { _ = try Answer.parse(list, for: task) }
            #expect(error?.description.hasSuffix("coordinates must be finite numbers") == true, "\(String(describing: error))")
            #expect(error?.description.hasPrefix("label: box 1 (x 1, y ") == true, "\(String(describing: error))")
        }
    }

    @Test func aBoxPastTheOriginIsRefusedOnAnyImage() async throws {
        let (db, task, users) = try await boxTask()
        let error = await domainError {
            _ = try await submit(
                #"[{"x": -0.51, "y": 0, "w": 10, "h": 10, "label": "car"}]"#, item: "street", db, task, by: users[0])
        }
        #expect(
            error
                == .invalid(
                    "label: box 1 (x -0.51, y 0, w 10, h 10, label \"car\"): lies outside the 640×480 image (more than 0.5 px past an edge)"
                ))
        #expect(try await stored(db, task).isEmpty)
    }

    /// Numbers with 17 significant digits, which JSONSerialization on Linux reads an ulp or more off.
    @Test func storedBoxesReadBackExactly() throws {
        let boxes = [
            Box(x: 0.1 + 0.2, y: 1e-7, w: 1 / 3, h: 479.99999999999994, label: "ca\"r"),
            Box(x: 1895.8545496565387, y: 0, w: 1, h: 1, label: "car"),
        ]
        let answer = Answer.boxes(boxes)
        #expect(Answer(storedJSON: answer.json) == answer)
        #expect(Answer(storedJSON: #"[{"start":0,"end":1,"label":"a"}]"#) == .spans([Span(start: 0, end: 1, label: "a")]))
    }

    @Test func importRefusesTheLineAndBoxAndImportsNothing() async throws {
        let (db, task, _) = try await boxTask()
        let good = #"{"item": "street", "annotator": "ext-1", "label": [{"x": 630, "y": 0, "w": 10.5, "h": 5, "label": "car"}]}"#
        let past =
            #"{"item": "crop", "annotator": "ext-1", "label": [{"x": 0, "y": 0, "w": 5, "h": 5, "label": "car"}, {"x": 0, "y": 45, "w": 5, "h": 5.6, "label": "car"}]}"#
        let error = await domainError {
            _ = try await db.importAnnotations(Fixture.jsonl([good, past]), fileName: "a.jsonl", into: task)
        }
        #expect(
            error
                == .invalid(
                    "a.jsonl line 2: label: box 2 (x 0, y 45, w 5, h 5.6, label \"car\"): "
                        + "lies outside the 100×50 image (more than 0.5 px past an edge)"))
        let unknown = #"{"item": "crop", "annotator": "ext-2", "label": [{"x": 0, "y": 0, "w": 5, "h": 5, "label": "truck"}]}"#
        let refused = await domainError {
            _ = try await db.importAnnotations(Fixture.jsonl([good, unknown]), fileName: "b.jsonl", into: task)
        }
        #expect(
            refused
                == .invalid(
                    "b.jsonl line 2: label: box 1 (x 0, y 0, w 5, h 5, label \"truck\"): \"truck\" is not one of the task's labels"
                ))
        #expect(try await stored(db, task).isEmpty)
        #expect(try await db.users().map(\.name).contains("ext-1") == false, "no annotator was made for a refused file")

        let report = try await db.importAnnotations(
            Fixture.jsonl([good, #"{"item": "crop", "annotator": "ext-1", "label": []}"#]), fileName: "c.jsonl", into: task)
        #expect(report.imported == 2)
        #expect(try await stored(db, task) == [#"crop ext-1 []"#, #"street ext-1 [{"x":630,"y":0,"w":10,"h":5,"label":"car"}]"#])
        // The same file again changes nothing: its boxes are the stored ones once clamped.
        let again = try await db.importAnnotations(
            Fixture.jsonl([good, #"{"item": "crop", "annotator": "ext-1", "label": []}"#]), fileName: "c.jsonl", into: task)
        #expect(again.imported == 0 && again.unchanged == 2)
    }

    @Test func goldBoxListsAreCheckedAgainstTheirImage() async throws {
        let refused = await domainError {
            _ = try await boxTask(gold: ["crop": #"[{"x": 0, "y": 0, "w": 101, "h": 5, "label": "car"}]"#])
        }
        #expect(
            refused
                == .invalid(
                    "items.jsonl line 2: gold box 1 (x 0, y 0, w 101, h 5, label \"car\"): "
                        + "lies outside the 100×50 image (more than 0.5 px past an edge)"))
        let (db, task, _) = try await boxTask(gold: [
            "street":
                #"[{"x": 600, "y": 470, "w": 40.5, "h": 10, "label": "car"}, {"x": 1, "y": 2, "w": 3, "h": 4, "label": "pedestrian"}]"#,
            "crop": "[]",
        ])
        #expect(
            try await db.reviewItem("street", in: task).gold
                == .boxes([Box(x: 600, y: 470, w: 40, h: 10, label: "car"), Box(x: 1, y: 2, w: 3, h: 4, label: "pedestrian")]))
        #expect(try await db.reviewItem("crop", in: task).gold == .boxes([]))
    }

    @Test func aRulingIsAWholeBoxListCheckedAgainstTheImage() async throws {
        let (db, task, _) = try await boxTask()
        let lead = try await db.createUser(name: "lead", role: .practitioner, password: nil)
        let past = try answer(#"[{"x": 50, "y": 10, "w": 50.6, "h": 5, "label": "car"}]"#, for: task)
        let error = await domainError { _ = try await db.adjudicate("crop", in: task, answer: past, note: nil, by: lead) }
        #expect(
            error
                == .invalid(
                    "label: box 1 (x 50, y 10, w 50.6, h 5, label \"car\"): lies outside the 100×50 image (more than 0.5 px past an edge)"
                ))
        #expect(try await db.adjudications(in: task).isEmpty)
        let ruling = try answer(
            #"[{"x": 50, "y": 10, "w": 50.5, "h": 5, "label": "car"}, {"x": 0, "y": 0, "w": 2, "h": 2, "label": "cyclist"}]"#,
            for: task)
        let stored = try await db.adjudicate("crop", in: task, answer: ruling, note: "two objects", by: lead)
        let whole = Answer.boxes([Box(x: 50, y: 10, w: 50, h: 5, label: "car"), Box(x: 0, y: 0, w: 2, h: 2, label: "cyclist")])
        #expect(stored.answer == whole)
        #expect(try await db.reviewItem("crop", in: task).adjudication?.answer == whole)
        // A second ruling replaces the whole list, here with "nothing to box".
        try await db.adjudicate("crop", in: task, answer: try answer("[]", for: task), note: nil, by: lead)
        #expect(try await db.reviewItem("crop", in: task).adjudication?.answer == .boxes([]))
    }

    @Test func aRevisedBoxListIsCheckedAgainstTheImage() async throws {
        let (db, task, users) = try await boxTask()
        let now = Date()
        _ = try await db.submitAnnotation(
            AnnotationSubmission(itemID: "crop", answer: .boxes([])), in: task, by: users[0], now: now)
        let past = try answer(#"[{"x": 0, "y": 0, "w": 5, "h": 50.7, "label": "car"}]"#, for: task)
        let error = await domainError {
            _ = try await db.reviseAnnotation(itemID: "crop", answer: past, in: task, by: users[0], now: now)
        }
        #expect(error?.description.hasSuffix("lies outside the 100×50 image (more than 0.5 px past an edge)") == true)
        #expect(try await stored(db, task) == ["crop ann-1 []"])
        let edge = try answer(#"[{"x": 0, "y": 0, "w": 5, "h": 50.5, "label": "car"}]"#, for: task)
        _ = try await db.reviseAnnotation(itemID: "crop", answer: edge, in: task, by: users[0], now: now)
        #expect(try await stored(db, task) == [#"crop ann-1 [{"x":0,"y":0,"w":5,"h":50,"label":"car"}]"#])
    }
}
