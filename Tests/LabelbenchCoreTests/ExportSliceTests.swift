import ArtifactStore
import Foundation
import GRDB
import Testing

@testable import LabelbenchCore

/// `export --where/--label/--min-confidence/--guideline-version/--state`: each filter alone, filters together,
/// what the version records, and the refusals (items and their rows: `SliceFixture`).
@Suite struct ExportSliceTests {
    private func ids(_ slice: ExportSlice, includeUnlabeled: Bool = false) async throws -> [String] {
        try await withTemporaryFolder { folder in
            try await SliceFixture(folder: folder).ids(ExportOptions(includeUnlabeled: includeUnlabeled, slice: slice))
        }
    }

    @Test func withoutASliceEveryRowIsExported() async throws {
        #expect(try await ids(ExportSlice()) == ["i01", "i02", "i03", "i04", "i05", "i06"])
    }

    @Test func metaConditionsMatchStringsNumbersBooleansAndMissingKeys() async throws {
        func meta(_ text: String...) throws -> ExportSlice {
            ExportSlice(meta: try text.map { try MetaCondition(parsing: $0, field: "where") })
        }
        #expect(try await ids(try meta("meta.city=Oslo")) == ["i01", "i02", "i05"])
        // The number 2024 reads as its JSON text, the boolean as `true`.
        #expect(try await ids(try meta("meta.year=2024")) == ["i01", "i04"])
        #expect(try await ids(try meta("meta.night=true")) == ["i06"])
        // A missing key reads as "", so an empty value finds the items without it.
        #expect(try await ids(try meta("meta.city=")) == ["i06"])
        #expect(try await ids(try meta("meta.city=Oslo", "meta.year=2024")) == ["i01"])
        #expect(try await ids(try meta("meta.city=Oslo", "meta.city=Bergen")).isEmpty)
    }

    @Test func labelKeepsRowsWhoseExportedLabelHoldsIt() async throws {
        // i05's annotators said dog, but its ruling says cat: the row's label is what counts.
        #expect(try await ids(ExportSlice(label: "cat")) == ["i01", "i02", "i05"])
        #expect(try await ids(ExportSlice(label: "dog")) == ["i03", "i06"])
    }

    @Test func minConfidenceLeavesOutLessCertainRowsAndUnlabeledOnes() async throws {
        #expect(try await ids(ExportSlice(minConfidence: 0.9)) == ["i01", "i03", "i04", "i05", "i06"])
        #expect(try await ids(ExportSlice(minConfidence: 0.5)) == ["i01", "i02", "i03", "i04", "i05", "i06"])
        // i07's row has no confidence, so it never passes a threshold, even 0.
        #expect(try await ids(ExportSlice(minConfidence: 0), includeUnlabeled: true).contains("i07") == false)
    }

    @Test func guidelineVersionReadsTheRulingOrEveryCountedAnnotation() async throws {
        #expect(try await ids(ExportSlice(guidelineVersion: 1)) == ["i01", "i02"])
        #expect(try await ids(ExportSlice(guidelineVersion: 2)) == ["i03", "i04", "i05", "i06"])
        #expect(try await ids(ExportSlice(guidelineVersion: 3)).isEmpty)
    }

    @Test func stateKeepsTheItemsInIt() async throws {
        let expected: [ItemState: [String]] = [
            .done: ["i01"], .contested: ["i02"], .inProgress: ["i03"], .gold: ["i04"], .adjudicated: ["i05"],
            .flagged: ["i06"], .unlabeled: ["i07"], .pausedOnly: [],
        ]
        for (state, items) in expected {
            #expect(try await ids(ExportSlice(state: state), includeUnlabeled: true) == items, "\(state)")
        }
    }

    @Test func aStateFollowsLeasesTrustAndFlagResolutions() async throws {
        try await withTemporaryFolder { folder in
            let fixture = try await SliceFixture(folder: folder)
            func ids(_ state: ItemState) throws -> [String] {
                try fixture.ids(ExportOptions(includeUnlabeled: true, slice: ExportSlice(state: state)))
            }
            // A live lease puts an unanswered item in progress; once expired it is unlabeled again.
            func lease(expiringIn seconds: Double) async throws {
                try await fixture.db.writer.write { db in
                    try db.execute(
                        sql: """
                            INSERT OR REPLACE INTO lease (item_id, user_id, task_id, token, guideline_version, created_at, expires_at)
                            SELECT id, ?, task_id, 'test-lease', 2, ?, ? FROM item WHERE external_id = 'i07'
                            """, arguments: [fixture.annotators[1].id, Date().unix, Date().unix + seconds])
                }
            }
            try await lease(expiringIn: 600)
            #expect(try ids(.inProgress) == ["i03", "i07"])
            try await lease(expiringIn: -1)
            #expect(try ids(.inProgress) == ["i03"] && ids(.unlabeled) == ["i07"])
            // ann-3 paused: i03's only answer stops counting, so the item is paused_only (with no row unless
            // unlabeled rows are asked for); i05 keeps its ruling.
            try await fixture.db.writer.write { db in
                try db.execute(sql: "UPDATE annotation SET trusted = 0 WHERE user_id = ?", arguments: [fixture.annotators[2].id])
            }
            #expect(try ids(.pausedOnly) == ["i03"] && ids(.adjudicated) == ["i05"])
            // Resolving i06's flag leaves ann-1's single answer of two places: in progress.
            try await fixture.db.writer.write { db in
                try db.execute(
                    sql: "UPDATE flag SET resolution = 'dismissed', resolved_by = ?, resolved_at = 0",
                    arguments: [fixture.practitioner.id])
            }
            #expect(try ids(.flagged).isEmpty && ids(.inProgress) == ["i06"])
        }
    }

    @Test func filtersTogetherMustAllHold() async throws {
        let oslo = try MetaCondition(parsing: "meta.city=Oslo", field: "where")
        #expect(try await ids(ExportSlice(meta: [oslo], label: "cat")) == ["i01", "i02", "i05"])
        #expect(try await ids(ExportSlice(meta: [oslo], label: "cat", minConfidence: 0.9)) == ["i01", "i05"])
        #expect(try await ids(ExportSlice(meta: [oslo], label: "cat", minConfidence: 0.9, guidelineVersion: 2)) == ["i05"])
        #expect(try await ids(ExportSlice(meta: [oslo], label: "cat", minConfidence: 0.9, state: .done)) == ["i01"])
    }

    @Test func theVersionRecordsTheSliceInMetadataAndLineage() async throws {
        try await withTemporaryFolder { folder in
            let fixture = try await SliceFixture(folder: folder)
            let whole = try fixture.export(ExportOptions())
            #expect(whole.version.metadata["slice"] == nil && whole.version.lineage["slice"] == nil)
            let slice = ExportSlice(
                meta: [MetaCondition(key: "city", value: "Oslo")], label: "cat", minConfidence: 0.9, state: .done)
            let result = try fixture.export(ExportOptions(slice: slice))
            let recorded: JSONValue = .object([
                "where": .array([.string("meta.city=Oslo")]), "label": .string("cat"), "min_confidence": .double(0.9),
                "guideline_version": .null, "state": .string("done"),
            ])
            #expect(result.version.metadata["slice"] == recorded)
            #expect(result.version.lineage["slice"] == recorded)
            #expect(result.version.metadata["items"] == .int(1))
            #expect(result.version.metadata["label_distribution"] == .object(["cat": .int(1)]))
        }
    }

    @Test func conditionsTheTaskCannotMeetAreRefusedNamingTheField() async throws {
        try await withTemporaryFolder { folder in
            let fixture = try await SliceFixture(folder: folder)
            let refusals: [(ExportSlice, String)] = [
                (ExportSlice(label: "horse"), "label: \"horse\" is not a label of task animals"),
                (ExportSlice(minConfidence: 1.5), "min_confidence:"),
                (ExportSlice(minConfidence: .nan), "min_confidence:"),
                (ExportSlice(guidelineVersion: 0), "guideline_version:"),
            ]
            for (slice, message) in refusals {
                let error = await domainError { _ = try fixture.export(ExportOptions(slice: slice)) }
                #expect(error?.isInvalid == true && error?.description.hasPrefix(message) == true, "\(String(describing: error))")
            }
            #expect(try fixture.repository.collections().isEmpty, "a refused slice claims and commits nothing")
        }
        #expect(throws: DomainError.self) { try MetaCondition(parsing: "city=Oslo", field: "where") }
        #expect(throws: DomainError.self) { try MetaCondition(parsing: "meta.=Oslo", field: "where") }
        #expect(throws: DomainError.self) { try MetaCondition(parsing: "meta.city", field: "where") }
        #expect(try MetaCondition(parsing: "meta.q=a=b", field: "where") == MetaCondition(key: "q", value: "a=b"))
    }
}
