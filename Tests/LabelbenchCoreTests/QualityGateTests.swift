import Agreement
import ArtifactStore
import Foundation
import GRDB
import Testing

@testable import LabelbenchCore

/// The task setting `gates`, its checks on hand-worked figures, the results every export records, and
/// protected aliases refusing a version that failed them.
@Suite struct QualityGateTests {
    static let all = QualityGates(alphaCILow: 0.6, goldAccuracy: 0.8, maxUntrustedShare: 0.05)

    /// A JSON number read back from stored metadata, where a whole number such as -1.0 comes back as an integer.
    static func number(_ value: JSONValue?) -> Double? {
        switch value {
        case .int(let whole)?: Double(whole)
        case .double(let number)?: number
        default: nil
        }
    }

    @Test func aFigureOnItsThresholdPassesAndAMissingOneFails() {
        let onTheLine = Self.all.evaluate(
            .init(alphaCILow: 0.6, alphaMeasure: "alpha_ci95[0]", goldAccuracy: 0.75, untrustedShare: 0.05))
        #expect(onTheLine.checks.map(\.name) == ["alpha_ci_low", "gold_accuracy", "max_untrusted_share"])
        #expect(onTheLine.checks.map(\.passed) == [true, false, true])
        #expect(onTheLine.checks.map(\.value) == [0.6, 0.75, 0.05])
        #expect(onTheLine.checks.map(\.threshold) == [0.6, 0.8, 0.05])
        #expect(onTheLine.checks.first?.measure == "alpha_ci95[0]")
        #expect(!onTheLine.passed && onTheLine.failedChecks == ["gold_accuracy"])

        // No gold answers, no pair to compare, no annotations: nothing shows the gate holds, so it fails.
        let unknown = Self.all.evaluate(
            .init(alphaCILow: nil, alphaMeasure: "alpha_ci95[0]", goldAccuracy: nil, untrustedShare: nil))
        #expect(unknown.checks.map(\.value) == [nil, nil, nil])
        #expect(unknown.failedChecks == ["alpha_ci_low", "gold_accuracy", "max_untrusted_share"])

        // Only the thresholds set are checked; none set passes with no checks.
        let subset = QualityGates(maxUntrustedShare: 0.1).evaluate(
            .init(alphaCILow: nil, alphaMeasure: "alpha_ci95[0]", goldAccuracy: nil, untrustedShare: 0.2))
        #expect(subset.checks.map(\.name) == ["max_untrusted_share"] && !subset.passed)
        let none = QualityGates().evaluate(.init(alphaCILow: nil, alphaMeasure: "", goldAccuracy: nil, untrustedShare: nil))
        #expect(none.passed && none.checks.isEmpty)
    }

    @Test func figuresComeFromTheAnswerTypesReport() throws {
        // Two annotators agree on all four items, two of each label: alpha is 1 in every resample.
        let records = ["a", "b", "a", "b"].enumerated().flatMap { index, label in
            ["ann-1", "ann-2"].map { AnnotationRecord(item: "item-\(index)", annotator: $0, label: .string(label)) }
        }
        var report = AgreementReport(records)
        #expect(report.alphaCI95 == [1, 1])
        let single = QualityGates.Figures(report: report, answer: .single, goldAccuracy: 0.5, untrusted: 1, annotations: 8)
        #expect(single == .init(alphaCILow: 1, alphaMeasure: "alpha_ci95[0]", goldAccuracy: 0.5, untrustedShare: 0.125))

        // Span and box reports have no alpha interval: the gate reads their own agreement figure.
        report.spanAgreement = try JSONDecoder().decode(
            SpanAgreement.self,
            from: Data(#"{"pairs": 3, "f1_exact": 0.5, "f1_overlap": 0.7, "char_alpha": 0.42, "per_label": []}"#.utf8))
        report.boxAgreement = try JSONDecoder().decode(
            BoxAgreement.self, from: Data(#"{"pairs": 3, "f1_iou50": 0.66, "mean_iou": 0.8, "per_label": []}"#.utf8))
        let spans = QualityGates.Figures(report: report, answer: .spans, goldAccuracy: nil, untrusted: 0, annotations: 0)
        #expect(spans.alphaCILow == 0.42 && spans.alphaMeasure == "span_agreement.char_alpha")
        #expect(spans.untrustedShare == nil)
        let boxes = QualityGates.Figures(report: report, answer: .boxes, goldAccuracy: nil, untrusted: 0, annotations: 4)
        #expect(boxes.alphaCILow == 0.66 && boxes.alphaMeasure == "box_agreement.f1_iou50")
        #expect(boxes.untrustedShare == 0)
    }

    @Test func theTaskFileRefusesBadGatesNamingTheField() throws {
        let labels = #""labels": [{"name": "cat"}, {"name": "dog"}]"#
        func refusal(_ extra: String) -> String? {
            do {
                _ = try TaskDefinition.decode(Data(#"{"name": "t1", \#(labels), \#(extra)}"#.utf8))
                return nil
            } catch {
                return "\(error)"
            }
        }
        let task = try TaskDefinition.decode(
            Data(
                #"{"name": "t1", \#(labels), "gates": {"gold_accuracy": 0.8}, "protected_aliases": ["production", "stable"]}"#
                    .utf8))
        #expect(task.gates == QualityGates(goldAccuracy: 0.8))
        #expect(task.protectedAliases == ["production", "stable"])
        #expect(try TaskDefinition.decode(Data(#"{"name": "t1", \#(labels)}"#.utf8)).protectedAliases == ["production"])
        #expect(refusal(#""gates": {"gold_acuracy": 0.8}"#) == #"gates: unknown field "gold_acuracy""#)
        #expect(refusal(#""gates": {"gold_accuracy": 1.5}"#) == "gates.gold_accuracy: give a share from 0 to 1")
        #expect(refusal(#""gates": {"max_untrusted_share": -0.1}"#) == "gates.max_untrusted_share: give a share from 0 to 1")
        #expect(refusal(#""gates": {"alpha_ci_low": 2}"#)?.hasPrefix("gates.alpha_ci_low:") == true)
        #expect(refusal(#""gates": {"alpha_ci_low": "high"}"#) == "gates.alpha_ci_low: expected a number")
        #expect(refusal(#""protected_aliases": ["latest"]"#)?.hasPrefix("protected_aliases[0]: latest moves") == true)
        #expect(refusal(#""protected_aliases": ["ok", "v2"]"#)?.hasPrefix("protected_aliases[1]:") == true)
        #expect(refusal(#""protected_aliases": "production""#) == "protected_aliases: expected a list")
    }

    @Test func settingsAreStoredAndReadBack() async throws {
        let db = try Fixture.database()
        var definition = Fixture.definition()
        definition.gates = Self.all
        definition.protectedAliases = ["production", "stable"]
        let (task, _) = try await Fixture.task(db, definition, items: 0)
        let stored = try await db.definition(of: task)
        #expect(stored.gates == Self.all && stored.protectedAliases == ["production", "stable"])
        var edited = stored
        edited.gates = QualityGates(alphaCILow: 0.7)
        edited.protectedAliases = []
        let updated = try await db.updateTask(named: task.name, with: edited, by: nil)
        let again = try await db.definition(of: updated)
        #expect(again.gates == QualityGates(alphaCILow: 0.7) && again.protectedAliases.isEmpty)
    }

    /// The export fixture's task with `gates` set.
    func fixture(_ folder: URL, gates: QualityGates, protectedAliases: [String] = ["production"]) async throws -> ExportFixture {
        var fixture = try await ExportFixture(folder: folder)
        var definition = try await fixture.db.definition(of: fixture.task)
        definition.gates = gates
        definition.protectedAliases = protectedAliases
        fixture.task = try await fixture.db.updateTask(named: fixture.task.name, with: definition, by: nil)
        return fixture
    }

    @Test func everyExportRecordsItsGateResults() async throws {
        try await withTemporaryFolder { folder in
            // The fixture's three annotators disagree on two of four items, so alpha's interval starts below 1.
            let fixture = try await fixture(
                folder, gates: QualityGates(alphaCILow: 1, goldAccuracy: 0.8, maxUntrustedShare: 0.05))
            let version = try fixture.export().version
            let metadata = version.metadata
            guard case .array(let interval)? = metadata["alpha_ci95"], let low = Self.number(interval.first) else {
                Issue.record("no alpha interval in \(metadata)")
                return
            }
            #expect(low < 1)
            #expect(
                version.gates?.checks == [
                    .init(name: "alpha_ci_low", threshold: 1, value: low, passed: false, measure: "alpha_ci95[0]"),
                    // alice answered the one gold item (item-005, bird) right.
                    .init(name: "gold_accuracy", threshold: 0.8, value: 1, passed: true),
                    .init(name: "max_untrusted_share", threshold: 0.05, value: 0, passed: true),
                ])
            #expect(metadata["gates"]?["passed"] == false)
            // The manifest on disk says the same.
            let manifest = try ArtifactManifest.parse(
                try fixture.repository.manifestData(ArtifactReference(parsing: "animals:v0")))
            #expect(manifest.metadata["gates"] == metadata["gates"])
        }
    }

    @Test func untrustedAnnotationsCountAgainstTheirShare() async throws {
        try await withTemporaryFolder { folder in
            let fixture = try await fixture(folder, gates: QualityGates(maxUntrustedShare: 0.05))
            // One of the task's nine annotations made while its annotator was paused.
            try await fixture.db.writer.write { db in
                try db.execute(
                    sql: """
                        UPDATE annotation SET trusted = 0 WHERE item_id = (SELECT id FROM item WHERE external_id = 'item-002')
                        """)
            }
            let gates = try #require(fixture.export().version.gates)
            #expect(gates.checks == [.init(name: "max_untrusted_share", threshold: 0.05, value: 1.0 / 9, passed: false)])
        }
    }

    @Test func aTaskWithoutGoldFailsAGoldGate() async throws {
        let db = try Fixture.database()
        let (task, _) = try await Fixture.task(db, Fixture.definition(), items: 2)
        var definition = try await db.definition(of: task)
        definition.gates = QualityGates(goldAccuracy: 0.8)
        let gated = try await db.updateTask(named: task.name, with: definition, by: nil)
        let report = try await db.agreementReport(for: gated, level: .nominal)
        let gates = try await db.writer.read { db in
            try DatasetExporter.gateResults(gated, report: report, goldAccuracy: nil, db)
        }
        #expect(gates.checks == [.init(name: "gold_accuracy", threshold: 0.8, value: nil, passed: false)])
    }

    @Test func aProtectedAliasRefusesAFailingVersionUnlessForcedWithAReason() async throws {
        try await withTemporaryFolder { folder in
            let fixture = try await fixture(folder, gates: QualityGates(alphaCILow: 1, goldAccuracy: 0.8))
            // Asked for at export: refused as a whole, nothing committed.
            let refused = await domainError {
                _ = try fixture.export(ExportOptions(aliases: ["production"]))
            }
            #expect(
                refused
                    == .conflict(
                        "aliases: production is protected and this export failed its quality gates (alpha_ci_low), so nothing "
                            + "was committed; export without that alias, or force it with a reason"))
            #expect(try fixture.repository.collections().isEmpty)
            // `force` alone (as when claiming another task's collection) does not override failed gates.
            let forcedWithoutReason = await domainError {
                _ = try fixture.export(ExportOptions(aliases: ["production"], force: true))
            }
            #expect(forcedWithoutReason?.description.hasPrefix("reason: forcing protected alias production") == true)

            let version = try fixture.export(ExportOptions(aliases: ["candidate"])).version
            let v0 = try ArtifactReference(parsing: "animals:v0")
            let moved = await domainError {
                _ = try fixture.db.moveAlias("production", to: v0, force: nil, blobs: fixture.blobs)
            }
            #expect(
                moved
                    == .conflict(
                        "alias production is protected and animals:v0 failed its quality gates (alpha_ci_low); "
                            + "point it at a version that passes, or force the move with a reason"))
            #expect(try fixture.db.moveAlias("staging", to: v0, force: nil, blobs: fixture.blobs).override == nil)

            let forced = try fixture.db.moveAlias(
                "production", to: v0, force: AliasForce(reason: "demo needs it today", by: "pat"), blobs: fixture.blobs)
            #expect(forced.override?.reason == "demo needs it today" && forced.override?.by == "pat")
            #expect(try fixture.repository.resolve("animals:production").number == version.number)
            #expect(try fixture.repository.resolve(v0).overrides.map(\.alias) == ["production"])
        }
    }

    @Test func onlyTheTasksProtectedAliasesAreGuarded() async throws {
        try await withTemporaryFolder { folder in
            let fixture = try await fixture(folder, gates: QualityGates(alphaCILow: 1), protectedAliases: ["stable"])
            let result = try fixture.export(ExportOptions(aliases: ["production"]))
            #expect(result.version.aliases == ["latest", "production"] && result.overrides.isEmpty)
            let refused = await domainError {
                _ = try fixture.db.moveAlias(
                    "stable", to: ArtifactReference(parsing: "animals:v0"), force: nil, blobs: fixture.blobs)
            }
            #expect(refused?.description.hasPrefix("alias stable is protected") == true)
        }
    }
}
