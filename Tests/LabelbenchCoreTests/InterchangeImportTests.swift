import Agreement
import Foundation
import GRDB
import Testing

@testable import LabelbenchCore

/// `import-from`: each other tool's sample export (Tests/samples/import-from) mapped to items and
/// annotations, what is skipped counted, and a bad record refused by name with nothing stored.
@Suite struct InterchangeImportTests {
    static func sample(_ name: String) throws -> Data {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        return try Data(contentsOf: folder.appendingPathComponent("samples/import-from/\(name)"))
    }

    private func task(
        _ db: AppDatabase, answer: AnswerType, labels: [String], kind: ItemKind = .text,
        images: [(String, Int, Int)] = []
    ) async throws -> LabelingTask {
        var definition = Fixture.definition(name: "imported", answer: answer, labels: labels)
        definition.kind = kind
        let (task, _) = try await Fixture.task(db, definition, annotators: [], items: 0)
        if !images.isEmpty {
            try await db.importItems(
                images.enumerated().map { index, image in
                    ItemDraft(
                        externalID: image.0,
                        content: .image(
                            StoredImage(
                                sha256: String(repeating: String(index), count: 64), mimeType: "image/png", width: image.1,
                                height: image.2)),
                        origin: .line(index + 1, of: "items.jsonl"))
                }, into: task)
        }
        return task
    }

    private func stored(_ db: AppDatabase, _ task: LabelingTask) async throws -> [String] {
        var rows: [String] = []
        try await db.forEachAnnotation(of: task) { rows.append("\($0.item) \($0.annotator) \($0.answer.json)") }
        return rows.sorted()
    }

    private func count(_ table: String, _ db: AppDatabase) async throws -> Int {
        try await db.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM \(table)") ?? 0 }
    }

    private func importing(
        _ file: String, format: InterchangeFormat, into task: LabelingTask, _ db: AppDatabase
    )
        async throws -> InterchangeImportReport
    {
        try await db.importInterchange(try Self.sample(file), format: format, fileName: file, into: task)
    }

    @Test func labelStudioChoicesWithSeveralAnnotatorsAndACancelledOne() async throws {
        let db = try Fixture.database()
        let task = try await task(db, answer: .single, labels: ["Positive", "Neutral", "Negative"])
        let report = try await importing("label-studio-sentiment.json", format: .labelStudio, into: task, db)
        #expect(report.records == 2 && report.itemsCreated == 2 && report.annotationsImported == 5)
        #expect(report.skipped.cancelled == 1)
        #expect(report.newAnnotators == ["ls-user-1", "grace@example.org", "ls-user-3"])
        // data.id names the first item; the second has none, so the task's id does.
        #expect(
            try await stored(db, task) == [
                #"202 ls-user-1 "Negative""#, #"202 ls-user-3 "Negative""#, #"review-1 grace@example.org "Positive""#,
                #"review-1 ls-user-1 "Positive""#, #"review-1 ls-user-3 "Neutral""#,
            ])
        var seconds: [String: Double] = [:]
        try await db.forEachAnnotation(of: task) { seconds["\($0.item) \($0.annotator)"] = $0.seconds }
        #expect(seconds["review-1 grace@example.org"] == 4.75)
        let meta = try await db.writer.read {
            try String.fetchOne($0, sql: "SELECT meta FROM item WHERE external_id = 'review-1'")
        }
        #expect(meta == #"{"product":"phone"}"#)
    }

    @Test func labelStudioSpansBecomeCodePointsWhetherExportedInCodePointsOrUTF16() async throws {
        let db = try Fixture.database()
        let task = try await task(db, answer: .spans, labels: ["PER", "LOC", "ORG"])
        let report = try await importing("label-studio-ner.json", format: .labelStudio, into: task, db)
        #expect(report.annotationsImported == 3 && report.skipped.cancelled == 1)
        let rows = try await stored(db, task)
        // "Ada Lovelace 👩‍🔬 met Charles Babbage…": the scientist emoji is 3 code points (5 UTF-16 units).
        #expect(
            rows.contains(
                #"101 ls-user-1 [{"start":0,"end":12,"label":"PER"},{"start":21,"end":36,"label":"PER"},{"start":40,"end":46,"label":"LOC"}]"#
            ))
        // Task 102 came from an export counting UTF-16 units: 3-15 there is 2-14 in code points.
        #expect(rows.contains(#"hopper-1 ls-user-1 [{"start":2,"end":14,"label":"PER"},{"start":26,"end":30,"label":"ORG"}]"#))
        let text = Array("😀 Grace Hopper joined the Navy.".unicodeScalars)
        #expect(String(String.UnicodeScalarView(text[2..<14])) == "Grace Hopper")
    }

    @Test func labelStudioSpanWhoseTextIsNotAtItsOffsetsIsRefused() async throws {
        let db = try Fixture.database()
        let task = try await task(db, answer: .spans, labels: ["PER", "LOC"])
        let export = #"""
            [{"id": 7, "data": {"text": "Ada and Grace"}, "annotations": [{"completed_by": 1, "lead_time": 1,
              "result": [{"type": "labels", "value": {"start": 0, "end": 3, "text": "Grace", "labels": ["PER"]}}]}]}]
            """#
        let error = await domainError {
            _ = try await db.importInterchange(Data(export.utf8), format: .labelStudio, fileName: "ls.json", into: task)
        }
        #expect(
            error?.description
                == "ls.json index 0 (id 7), annotation by ls-user-1: the span 0-3 does not mark \"Grace\" in the text, counted in code points or in UTF-16 units"
        )
        #expect(try await count("item", db) == 0)
    }

    @Test func labelStudioBoxesInPercentBecomePixelsOfTheStoredImage() async throws {
        let db = try Fixture.database()
        let task = try await task(
            db, answer: .boxes, labels: ["pedestrian", "car"], kind: .image,
            images: [("street.png", 640, 480), ("raw/crop.png", 100, 50)])
        let report = try await importing("label-studio-boxes.json", format: .labelStudio, into: task, db)
        #expect(report.itemsCreated == 0 && report.itemsExisting == 2 && report.annotationsImported == 3)
        var boxes: [String: [Box]] = [:]
        try await db.forEachAnnotation(of: task) {
            if case .boxes(let list) = $0.answer { boxes["\($0.item) \($0.annotator)"] = list }
        }
        // "1a2b3c4d-street.png" is Label Studio's upload name for street.png; 10 % of 640 is 64 px.
        let first = try #require(boxes["street.png ls-user-1"])
        #expect(first.count == 2)
        #expect(first[0].x == 64 && first[0].y == 96 && first[0].w == 160 && first[0].h == 240 && first[0].label == "pedestrian")
        #expect(abs(first[1].x - 325.12) < 1e-9 && abs(first[1].h - 50.2027748132) < 1e-6)
        #expect(boxes["street.png ls-user-3"]?.first?.x == 67.2)
        // An annotation with no rectangles is the real answer "nothing to box".
        #expect(try await stored(db, task).contains("raw/crop.png ls-user-1 []"))
    }

    @Test func labelStudioImageMissingFromTheTaskIsRefused() async throws {
        let db = try Fixture.database()
        let task = try await task(
            db, answer: .boxes, labels: ["pedestrian", "car"], kind: .image, images: [("street.png", 640, 480)])
        let error = await domainError { _ = try await importing("label-studio-boxes.json", format: .labelStudio, into: task, db) }
        #expect(
            error?.description
                == "label-studio-boxes.json index 1 (id 302): image \"crop.png\" is not an item of imported; import the images first"
        )
        #expect(try await count("annotation", db) == 0)
    }

    @Test func mturkAssignmentsOfAHITAreAnnotationsOfOneItemAndRejectedOnesAreSkipped() async throws {
        let db = try Fixture.database()
        let task = try await task(db, answer: .single, labels: ["Positive", "Neutral", "Negative"])
        let report = try await importing("mturk-sentiment-batch-results.csv", format: .mturk, into: task, db)
        #expect(report.records == 6 && report.itemsCreated == 2 && report.itemsExisting == 0)
        #expect(report.annotationsImported == 5 && report.skipped.rejected == 1)
        #expect(
            try await stored(db, task) == [
                #"3ZQA3IO31B2J6BYQ8BZXMF4QMX21OB A1PUWPHGNKA1RS "Negative""#,
                #"3ZQA3IO31B2J6BYQ8BZXMF4QMX21OB A2R0YYUAWNT7UD "Negative""#, #"review-1 A1PUWPHGNKA1RS "Positive""#,
                #"review-1 A2R0YYUAWNT7UD "Positive""#, #"review-1 A3KPQ7L9QZ4M2H "Neutral""#,
            ])
        var seconds: [String: Double] = [:]
        try await db.forEachAnnotation(of: task) { seconds["\($0.item) \($0.annotator)"] = $0.seconds }
        #expect(seconds["review-1 A2R0YYUAWNT7UD"] == 41)
        let meta = try await db.writer.read {
            try String.fetchOne($0, sql: "SELECT meta FROM item WHERE external_id = 'review-1'")
        }
        #expect(meta == #"{"source":"shop"}"#)
        // The same file again stores nothing new.
        let again = try await importing("mturk-sentiment-batch-results.csv", format: .mturk, into: task, db)
        #expect(again.itemsCreated == 0 && again.itemsExisting == 2 && again.annotationsImported == 0)
        #expect(again.annotationsUnchanged == 5)
    }

    @Test func mturkBadRowIsNamedByItsLineAndNothingIsStored() async throws {
        let db = try Fixture.database()
        // "Neutral" is not a label here; the review's text spans two lines, so the third row starts on line 4.
        let task = try await task(db, answer: .single, labels: ["Positive", "Negative"])
        let csv = """
            HITId,WorkerId,AssignmentStatus,WorkTimeInSeconds,Input.text,Answer.sentiment.label
            H1,W1,Approved,10,"Good,
            really",Positive
            H1,W2,Approved,12,"Good,
            really",Neutral

            """
        let error = await domainError {
            _ = try await db.importInterchange(Data(csv.utf8), format: .mturk, fileName: "batch.csv", into: task)
        }
        #expect(
            error?.description
                == "batch.csv line 4, assignment of W2: no Answer column names one of the labels (Positive, Negative)")
        #expect(try await count("item", db) == 0)
        #expect(try await count("annotation", db) == 0)
    }

    @Test func sagemakerClassificationSkipsAndCountsMachineLabeledLines() async throws {
        let db = try Fixture.database()
        let task = try await task(
            db, answer: .single, labels: ["urban", "rural"], kind: .image,
            images: [("street.png", 640, 480), ("crop.png", 100, 50)])
        let report = try await importing("sagemaker-image-classification.manifest", format: .sagemaker, into: task, db)
        #expect(report.records == 2 && report.annotationsImported == 1 && report.skipped.machineLabeled == 1)
        #expect(try await stored(db, task) == [#"street.png sagemaker-scene-type "urban""#])
    }

    @Test func sagemakerBoxesAreScaledFromTheirImageSizeAndFailedLinesCounted() async throws {
        let db = try Fixture.database()
        let task = try await task(
            db, answer: .boxes, labels: ["pedestrian", "car"], kind: .image,
            images: [("street.png", 640, 480), ("crop.png", 100, 50)])
        let report = try await importing("sagemaker-bounding-box.manifest", format: .sagemaker, into: task, db)
        #expect(report.records == 3 && report.annotationsImported == 2 && report.skipped.failed == 1)
        #expect(
            try await stored(db, task) == [
                #"crop.png sagemaker-street-objects [{"x":10,"y":5,"w":50,"h":25,"label":"car"}]"#,
                #"street.png sagemaker-street-objects [{"x":64,"y":96,"w":160,"h":240,"label":"pedestrian"},{"x":325,"y":28,"w":79,"h":50,"label":"car"}]"#,
            ])
    }

    @Test func sagemakerBadLineIsNamedAndNothingIsStored() async throws {
        let db = try Fixture.database()
        let task = try await task(
            db, answer: .single, labels: ["urban", "rural"], kind: .image, images: [("street.png", 640, 480)])
        var manifest = try Self.sample("sagemaker-image-classification.manifest")
        manifest.append(Data(#"{"source-ref":"s3://b/street.png","scene":3}"#.utf8))
        let error = await domainError {
            _ = try await db.importInterchange(manifest, format: .sagemaker, fileName: "out.manifest", into: task)
        }
        #expect(error?.description == "out.manifest line 3: no label attribute with its \"-metadata\"")
        #expect(try await count("annotation", db) == 0)
    }

    @Test func labelStudioBadRecordIsNamedByIndexAndIdAndNothingIsStored() async throws {
        let db = try Fixture.database()
        // "Neutral" is missing, so the first task's third annotation is refused after two were read.
        let task = try await task(db, answer: .single, labels: ["Positive", "Negative"])
        let error = await domainError {
            _ = try await importing("label-studio-sentiment.json", format: .labelStudio, into: task, db)
        }
        #expect(
            error?.description
                == "label-studio-sentiment.json index 0 (id 201), annotation by ls-user-3: label: \"Neutral\" is not a label of this task; expected one of \"Positive\", \"Negative\""
        )
        #expect(try await count("item", db) == 0)
        #expect(try await count("annotation", db) == 0)
        #expect(try await count("user", db) == 0)
    }

    @Test func existingItemWithADifferentTextIsRefused() async throws {
        let db = try Fixture.database()
        let task = try await task(db, answer: .single, labels: ["Positive", "Neutral", "Negative"])
        try await db.importItems(
            [ItemDraft(externalID: "review-1", content: .text("another review"), origin: .line(1, of: "items.jsonl"))],
            into: task)
        let error = await domainError {
            _ = try await importing("label-studio-sentiment.json", format: .labelStudio, into: task, db)
        }
        #expect(
            error?.description
                == "label-studio-sentiment.json index 0 (id 201): item \"review-1\" already exists in imported with a different text"
        )
    }

    /// The array splitter hands over exactly the elements JSONSerialization finds, brackets and quotes in strings included.
    @Test func arrayElementsAgreeWithTheGeneralParser() throws {
        let text = #" [ {"a": "]}[{", "b": [1, {"c": "\"}"}]}, {"d": "\\"} ,{} ] "#
        var elements = try JSONArrayElements(Data(text.utf8), fileName: "x.json")
        var split: [NSDictionary] = []
        while let element = try elements.next() {
            split.append(try #require(try JSONSerialization.jsonObject(with: element) as? NSDictionary))
        }
        let whole = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [NSDictionary])
        #expect(split == whole)
        var truncated = try JSONArrayElements(Data(#"[{"a": 1}, {"b": "#.utf8), fileName: "x.json")
        _ = try truncated.next()
        #expect(throws: DomainError.invalid("x.json index 1: the file ends inside this task")) { try truncated.next() }
    }
}
