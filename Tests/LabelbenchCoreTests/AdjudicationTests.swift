import Foundation
import Testing

@testable import LabelbenchCore

/// Flow 6: a practitioner's ruling on an item replaces its consensus label in exports.
@Suite struct AdjudicationTests {
    @Test func rulingOverridesConsensusAndGoldAndCanBeWithdrawn() async throws {
        try await withTemporaryFolder { folder in
            let fixture = try await ExportFixture(folder: folder)
            let db = fixture.db
            let task = fixture.task
            let before = try fixture.rows(fixture.bytes(fixture.export().version.reference, "labels.jsonl"))
            #expect(before.first { $0["id"] as? String == "item-000" }?["label"] as? String == "cat")

            // item-000: consensus cat; item-005: gold bird; item-003: never annotated.
            try await db.adjudicate("item-000", in: task, answer: .one("dog"), note: "  tail visible  ", by: fixture.exporter)
            try await db.adjudicate(
                "item-005", in: task, answer: try Answer.parse("cat", for: task), note: nil, by: fixture.exporter)
            let ruled = try await db.adjudicate("item-003", in: task, answer: .one("bird"), note: "", by: fixture.exporter)
            #expect(ruled.note == nil && ruled.adjudicator == "pat" && ruled.guidelineVersion == task.guidelineVersion)

            let result = try fixture.export()
            #expect(result.isNew, "a ruling changes the labels, so the export is a new version")
            let rows = try fixture.rows(fixture.bytes(result.version.reference, "labels.jsonl"))
            let byID = Dictionary(uniqueKeysWithValues: rows.map { ($0["id"] as! String, $0) })
            #expect(byID["item-000"]?["label"] as? String == "dog")
            #expect(byID["item-000"]?["source"] as? String == "adjudicated")
            #expect(byID["item-000"]?["confidence"] as? Double == 1)
            #expect((byID["item-000"]?["annotations"] as? [Any])?.count == 3, "the raw annotations stay in the row")
            #expect(byID["item-005"]?["label"] as? String == "cat" && byID["item-005"]?["source"] as? String == "adjudicated")
            #expect(byID["item-003"]?["label"] as? String == "bird", "a ruled item is exported even without annotations")
            let manifest =
                try JSONSerialization.jsonObject(with: fixture.bytes(result.version.reference, "manifest.json")) as? [String: Any]
            #expect((manifest?["metadata"] as? [String: Any])?["adjudicated_items"] as? Int == 3)

            let review = try await db.reviewItem("item-000", in: task)
            #expect(review.adjudication?.answer == .one("dog") && review.adjudication?.note == "tail visible")
            #expect(review.labels.map(\.annotator).sorted() == ["alice", "bob", "carol"])
            #expect(try await db.adjudications(in: task).map(\.item) == ["item-000", "item-003", "item-005"])

            // A second ruling replaces the first; withdrawing brings the consensus back.
            try await db.adjudicate("item-000", in: task, answer: .one("bird"), note: nil, by: fixture.exporter)
            #expect(try await db.reviewItem("item-000", in: task).adjudication?.answer == .one("bird"))
            #expect(try await db.removeAdjudication("item-000", in: task))
            #expect(try await !db.removeAdjudication("item-000", in: task))
            #expect(try await db.reviewItem("item-000", in: task).adjudication == nil)
        }
    }

    @Test func sendingBackSetsLabelsAsideAndReopensTheItem() async throws {
        try await withTemporaryFolder { folder in
            let fixture = try await ExportFixture(folder: folder)
            let db = fixture.db
            let task = fixture.task
            try await db.adjudicate("item-000", in: task, answer: .one("dog"), note: nil, by: fixture.exporter)
            let unknown = await domainError {
                try await db.sendBackForRelabeling(["item-001", "nope"], in: task, by: fixture.exporter)
            }
            #expect(unknown?.description.contains("nope") == true)
            #expect(try await db.reviewItem("item-001", in: task).labels.count == 2, "all or none")

            #expect(try await db.sendBackForRelabeling(["item-000", "item-004"], in: task, by: fixture.exporter) == 5)
            let review = try await db.reviewItem("item-000", in: task)
            #expect(review.labels.isEmpty && review.adjudication == nil)
            let kept = try await db.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM superseded_annotation") }
            #expect(kept == 5, "the labels are kept aside, not deleted")
            let rows = try fixture.rows(fixture.bytes(fixture.export().version.reference, "labels.jsonl"))
            #expect(!rows.contains { $0["id"] as? String == "item-000" }, "no labels and no ruling: nothing to export")

            // alice labeled item-000 before; it is offered to her again.
            let alice = try #require(try db.user(named: "alice"))
            var offered: [String] = []
            while case .leased(let lease) = try await db.leaseNextItem(in: task, for: alice), offered.count < 10 {
                offered.append(lease.item.externalID)
                _ = try await db.submitAnnotation(
                    AnnotationSubmission(itemID: lease.item.externalID, answer: .one("cat"), leaseToken: lease.token, seconds: 1),
                    in: task, by: alice)
            }
            #expect(offered.contains("item-000") && offered.contains("item-004"), "offered: \(offered)")
            #expect(try await db.reviewItem("item-000", in: task).labels.map(\.guidelineVersion) == [task.guidelineVersion])
        }
    }

    @Test func badRulingsAreRefused() async throws {
        try await withTemporaryFolder { folder in
            let fixture = try await ExportFixture(folder: folder)
            let db = fixture.db
            let missing = await domainError {
                try await db.adjudicate("no-such-item", in: fixture.task, answer: .one("cat"), note: nil, by: fixture.exporter)
            }
            #expect(missing == .notFound("no item \"no-such-item\" in \(fixture.task.name)"))
            let long = String(repeating: "x", count: AppDatabase.maxRulingNoteCharacters + 1)
            let tooLong = await domainError {
                try await db.adjudicate("item-000", in: fixture.task, answer: .one("cat"), note: long, by: fixture.exporter)
            }
            #expect(tooLong?.description.hasPrefix("note:") == true)
            #expect(throws: DomainError.self) { try Answer.parse("zebra", for: fixture.task) }
        }
    }
}
