import Foundation
import Testing

@testable import LabelbenchCore

@Suite struct AnnotationImportTests {
    private func annotations(_ db: AppDatabase, _ task: LabelingTask) async throws -> [String] {
        var lines: [String] = []
        try await db.forEachAnnotation(of: task) { lines.append("\($0.item) \($0.annotator) \($0.answer.display)") }
        return lines
    }

    @Test func createsAnnotatorAccountsAndIsIdempotent() async throws {
        let db = try Fixture.database()
        let (task, _) = try await Fixture.task(db, Fixture.definition(overlap: 3), annotators: ["ann-1"], items: 3)
        let file = Fixture.jsonl([
            #"{"item": "item-000", "annotator": "ann-1", "label": "cat", "seconds": 3.5}"#,
            #"{"item": "item-000", "annotator": "ext-7", "label": "dog", "guideline_version": 1}"#,
            #"{"item": "item-001", "annotator": "ext-7", "label": "bird"}"#,
        ])
        let report = try await db.importAnnotations(file, fileName: "ann.jsonl", into: task)
        #expect(report == AnnotationImportReport(imported: 3, unchanged: 0, newAnnotators: ["ext-7"]))
        let created = try #require(try db.user(named: "ext-7"))
        #expect(created.role == .annotator)
        #expect(try await annotations(db, task) == ["item-000 ann-1 cat", "item-000 ext-7 dog", "item-001 ext-7 bird"])

        let again = try await db.importAnnotations(file, fileName: "ann.jsonl", into: task)
        #expect(again == AnnotationImportReport(imported: 0, unchanged: 3, newAnnotators: []))
        #expect(try await annotations(db, task).count == 3)
        // The new annotator is assigned to the task and counts toward the item's overlap.
        #expect(try await db.progress(in: task, for: created).done == 2)
    }

    @Test func aConflictingLabelFailsTheWholeFile() async throws {
        let db = try Fixture.database()
        let (task, _) = try await Fixture.task(db, annotators: ["ann-1"], items: 3)
        _ = try await db.importAnnotations(
            Fixture.jsonl([#"{"item": "item-000", "annotator": "ann-1", "label": "cat"}"#]), fileName: "a.jsonl", into: task)
        let error = await domainError {
            _ = try await db.importAnnotations(
                Fixture.jsonl([
                    #"{"item": "item-001", "annotator": "new-9", "label": "cat"}"#,
                    #"{"item": "item-000", "annotator": "ann-1", "label": "dog"}"#,
                ]), fileName: "b.jsonl", into: task)
        }
        #expect(error?.isConflict == true)
        #expect(error?.description.contains("b.jsonl line 2") == true)
        #expect(try await annotations(db, task) == ["item-000 ann-1 cat"])
        #expect(try db.user(named: "new-9") == nil, "the account made before the failing line is rolled back too")
    }

    @Test(arguments: [
        (#"{"item": "missing", "annotator": "ann-1", "label": "cat"}"#, "no item"),
        (#"{"item": "item-000", "annotator": "ann-1", "label": "zebra"}"#, "zebra"),
        (#"{"item": "item-000", "label": "cat"}"#, "annotator"),
        (#"{"item": "item-000", "annotator": "bad name!", "label": "cat"}"#, "annotator name"),
        (#"{"item": "item-000", "annotator": "ann-1", "label": "cat", "seconds": -1}"#, "seconds"),
        ("not json", "not a JSON object"),
    ])
    func badLinesAreNamed(line: String, mentions: String) async throws {
        let db = try Fixture.database()
        let (task, _) = try await Fixture.task(db, annotators: ["ann-1"], items: 2)
        let file = Fixture.jsonl([#"{"item": "item-001", "annotator": "ann-1", "label": "dog"}"#, line])
        let error = await domainError { _ = try await db.importAnnotations(file, fileName: "x.jsonl", into: task) }
        let message = error?.description ?? ""
        #expect(message.contains("x.jsonl line 2") && message.contains(mentions), "got \(message)")
        #expect(try await annotations(db, task).isEmpty)
    }

    @Test func emptyFileIsRefused() async throws {
        let db = try Fixture.database()
        let (task, _) = try await Fixture.task(db, items: 1)
        #expect(
            await domainError { _ = try await db.importAnnotations(Data("\n\n".utf8), fileName: "e.jsonl", into: task) } != nil)
    }
}
