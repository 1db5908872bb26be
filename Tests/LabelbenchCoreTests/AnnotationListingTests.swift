import Foundation
import Testing

@testable import LabelbenchCore

/// `forEachAnnotation` reads a page at a time; whatever the page size, it hands over every annotation
/// once, in item then annotator order.
@Suite struct AnnotationListingTests {
    private func listed(_ db: AppDatabase, _ task: LabelingTask, pageSize: Int) async throws -> [String] {
        var lines: [String] = []
        try await db.forEachAnnotation(of: task, pageSize: pageSize) { lines.append("\($0.item) \($0.annotator)") }
        return lines
    }

    @Test func everyPageSizeListsEveryAnnotationOnceInOrder() async throws {
        let db = try Fixture.database()
        let (task, _) = try await Fixture.task(db, Fixture.definition(overlap: 3), annotators: ["ann-1"], items: 4)
        // Annotator names that sort apart from their creation order, and items with more than one page of labels.
        let names = ["zed", "amy", "mo"]
        let lines = (0..<4).flatMap { item in
            names.map { #"{"item": "\#(Fixture.itemID(item))", "annotator": "\#($0)", "label": "cat"}"# }
        }
        _ = try await db.importAnnotations(Fixture.jsonl(lines), fileName: "a.jsonl", into: task)
        let expected = (0..<4).flatMap { item in names.sorted().map { "\(Fixture.itemID(item)) \($0)" } }
        for pageSize in [1, 2, 3, 5, 12, 100] {
            #expect(try await listed(db, task, pageSize: pageSize) == expected, "page size \(pageSize)")
        }
    }

    @Test func aTaskWithoutAnnotationsListsNothing() async throws {
        let db = try Fixture.database()
        let (task, _) = try await Fixture.task(db, items: 3)
        #expect(try await listed(db, task, pageSize: 2).isEmpty)
    }
}
