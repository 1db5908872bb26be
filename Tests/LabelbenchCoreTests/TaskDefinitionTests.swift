import Foundation
import Testing

@testable import LabelbenchCore

@Suite struct TaskDefinitionTests {
    private func decodeError(_ json: String) -> String? {
        do {
            _ = try TaskDefinition.decode(Data(json.utf8))
            return nil
        } catch let error as DomainError {
            return error.description
        } catch {
            return "unexpected \(error)"
        }
    }

    private let labels = #""labels": [{"name": "cat", "key": "1"}, {"name": "dog", "key": "2"}]"#

    @Test func decodesTheBriefsExampleWithDefaults() throws {
        let task = try TaskDefinition.decode(
            Data(
                """
                {"name": "pedestrians", "title": "Pedestrians in street scenes", "kind": "image",
                 "answer": "single", "labels": [{"name": "pedestrian", "key": "1", "description": "…"}, {"name": "no-pedestrian", "key": "2"}],
                 "overlap": 3, "lease_seconds": 900, "gold_rate": 0.05,
                 "instructions": "Markdown…", "guidelines": [{"title": "Person on a billboard", "ruling": "Not a pedestrian."}],
                 "annotators": ["ann-1", "ann-2", "ann-3"]}
                """.utf8))
        #expect(task.kind == .image)
        #expect(task.overlap == 3 && task.leaseSeconds == 900 && task.goldRate == 0.05)
        #expect(task.labels.map(\.name) == ["pedestrian", "no-pedestrian"])
        #expect(task.guidelines.first?.ruling == "Not a pedestrian.")
        let minimal = try TaskDefinition.decode(Data(#"{"name": "t1", \#(labels)}"#.utf8))
        #expect(minimal.title == "t1" && minimal.answer == .single && minimal.overlap == 1 && minimal.leaseSeconds == 900)
    }

    @Test func unknownFieldIsRefusedByName() {
        #expect(decodeError(#"{"name": "t1", "overlapp": 3, \#(labels)}"#)?.contains("overlapp") == true)
        #expect(
            decodeError(#"{"name": "t1", \#(labels), "guidelines": [{"title": "a", "ruling": "b", "rulling": "c"}]}"#)?
                .contains("rulling") == true)
    }

    @Test func unknownLabelFieldIsRefusedByName() {
        let message = decodeError(#"{"name": "t1", "labels": [{"name": "cat", "colour": "red"}, {"name": "dog"}]}"#)
        #expect(message?.contains("colour") == true, "got \(message ?? "no error")")
    }

    @Test func wrongTypesNameTheField() {
        #expect(decodeError(#"{"name": "t1", "overlap": "three", \#(labels)}"#)?.hasPrefix("overlap") == true)
        #expect(decodeError(#"{"name": "t1", "answer": "free-text", \#(labels)}"#)?.hasPrefix("answer") == true)
        #expect(decodeError(#"{"name": "t1"}"#)?.contains("labels") == true)
        #expect(decodeError("not json") != nil)
    }

    @Test(arguments: [
        ("overlap", 0), ("overlap", 51), ("lease_seconds", 0), ("lease_seconds", 86_401),
    ])
    func integerBounds(field: String, value: Int) {
        let message = decodeError(#"{"name": "t1", "\#(field)": \#(value), \#(labels)}"#)
        #expect(message?.hasPrefix(field) == true, "got \(message ?? "no error")")
    }

    @Test(arguments: [("overlap", 1), ("overlap", 50), ("lease_seconds", 1), ("lease_seconds", 86_400)])
    func integerBoundsInclusive(field: String, value: Int) {
        #expect(decodeError(#"{"name": "t1", "\#(field)": \#(value), \#(labels)}"#) == nil)
    }

    @Test func goldRateBounds() {
        #expect(decodeError(#"{"name": "t1", "gold_rate": -0.01, \#(labels)}"#)?.hasPrefix("gold_rate") == true)
        #expect(decodeError(#"{"name": "t1", "gold_rate": 1.5, \#(labels)}"#)?.hasPrefix("gold_rate") == true)
        #expect(decodeError(#"{"name": "t1", "gold_rate": 1, \#(labels)}"#) == nil)
        var definition = Fixture.definition()
        definition.goldRate = .nan
        #expect(definition.problems().map(\.field) == ["gold_rate"])
    }

    @Test func duplicateLabelsAndKeys() {
        let twice = decodeError(#"{"name": "t1", "labels": [{"name": "cat"}, {"name": "cat"}]}"#)
        #expect(twice?.hasPrefix("labels[1].name") == true && twice?.contains("twice") == true, "got \(twice ?? "-")")
        let keys = decodeError(#"{"name": "t1", "labels": [{"name": "cat", "key": "a"}, {"name": "dog", "key": "A"}]}"#)
        #expect(keys?.hasPrefix("labels[1].key") == true, "got \(keys ?? "-")")
        #expect(decodeError(#"{"name": "t1", "labels": [{"name": "cat"}]}"#)?.hasPrefix("labels") == true)
        #expect(
            decodeError(#"{"name": "t1", "labels": [{"name": " cat"}, {"name": "dog"}]}"#)?.hasPrefix("labels[0].name") == true)
        #expect(
            decodeError(#"{"name": "t1", "labels": [{"name": "cat", "key": "12"}, {"name": "dog"}]}"#)?.hasPrefix("labels[0].key")
                == true)
    }

    @Test(arguments: ["Animals", "-animals", "animals/1", "a b", "", String(repeating: "a", count: 65), "ünicode"])
    func nameMustBeASlug(name: String) {
        var definition = Fixture.definition()
        definition.name = name
        #expect(definition.problems().contains { $0.field == "name" })
    }

    @Test(arguments: ["a", "animals", "animals-2", "a_b", "0day", String(repeating: "a", count: 64)])
    func validSlugs(name: String) throws {
        var definition = Fixture.definition()
        definition.name = name
        #expect(definition.problems().isEmpty)
        try definition.validate()
    }

    @Test func problemsListsEveryField() {
        var definition = Fixture.definition()
        definition.name = "Bad Name"
        definition.overlap = 0
        definition.leaseSeconds = 0
        definition.title = " "
        #expect(Set(definition.problems().map(\.field)) == ["name", "title", "overlap", "lease_seconds"])
    }
}

@Suite struct GuidelineVersionTests {
    @Test func createMakesVersionOne() async throws {
        let db = try Fixture.database()
        let task = try await db.createTask(Fixture.definition(), by: nil)
        #expect(task.guidelineVersion == 1)
        let versions = try await db.guidelineVersions(of: task)
        #expect(versions.map(\.version) == [1])
        #expect(versions.first?.instructions == "Pick the animal.")
    }

    @Test func editingInstructionsOrGuidelinesMakesANewVersion() async throws {
        let db = try Fixture.database()
        var definition = Fixture.definition()
        let task = try await db.createTask(definition, by: nil)
        definition.instructions = "Pick the main animal."
        let v2 = try await db.updateTask(named: task.name, with: definition, by: nil)
        #expect(v2.guidelineVersion == 2)
        definition.guidelines = [Guideline(title: "Cat on a poster", ruling: "Still a cat.", examples: ["item-001"])]
        let v3 = try await db.updateTask(named: task.name, with: definition, by: nil)
        #expect(v3.guidelineVersion == 3)
        let stored = try await db.guidelineVersion(3, of: v3)
        #expect(stored?.guidelines.first?.examples == ["item-001"])
        #expect(try await db.guidelineVersion(2, of: v3)?.guidelines.isEmpty == true)
        #expect(try await db.guidelineVersions(of: v3).map(\.version) == [3, 2, 1])
    }

    @Test func editingOnlyTheTitleOrSettingsKeepsTheVersion() async throws {
        let db = try Fixture.database()
        var definition = Fixture.definition()
        let task = try await db.createTask(definition, by: nil)
        definition.title = "Animals, renamed"
        definition.overlap = 3
        definition.leaseSeconds = 120
        let updated = try await db.updateTask(named: task.name, with: definition, by: nil)
        #expect(updated.guidelineVersion == 1)
        #expect(updated.title == "Animals, renamed" && updated.overlap == 3)
        #expect(try await db.guidelineVersions(of: updated).count == 1)
    }

    @Test func labelSchemaIsLockedOnceAnnotated() async throws {
        let db = try Fixture.database()
        let (task, users) = try await Fixture.task(db)
        var definition = try await db.definition(of: task)
        // Before any annotation the labels may change.
        definition.labels.append(TaskLabel(name: "fish", key: "4"))
        let widened = try await db.updateTask(named: task.name, with: definition, by: nil)
        #expect(widened.labelNames == ["cat", "dog", "bird", "fish"])
        _ = try await db.submitAnnotation(
            AnnotationSubmission(itemID: "item-000", answer: .one("cat")), in: widened, by: users[0])
        definition.labels.removeLast()
        let error = await domainError { _ = try await db.updateTask(named: task.name, with: definition, by: nil) }
        #expect(error?.description.hasPrefix("labels") == true)
        var answer = try await db.definition(of: widened)
        answer.answer = .multiple
        #expect(await domainError { _ = try await db.updateTask(named: task.name, with: answer, by: nil) } != nil)
        // Descriptions and keys may still change.
        var described = try await db.definition(of: widened)
        described.labels[0].description = "A small feline."
        described.labels[0].key = "c"
        #expect(try await db.updateTask(named: task.name, with: described, by: nil).labels[0].key == "c")
    }

    @Test func duplicateTaskNameAndRenameAreRefused() async throws {
        let db = try Fixture.database()
        var definition = Fixture.definition()
        try await db.createTask(definition, by: nil)
        #expect(await domainError { try await db.createTask(definition, by: nil) }?.isConflict == true)
        definition.name = "other"
        #expect(
            await domainError { _ = try await db.updateTask(named: "animals", with: definition, by: nil) }?.description.hasPrefix(
                "name") == true)
    }

    @Test func unknownAnnotatorIsRefused() async throws {
        let db = try Fixture.database()
        let error = await domainError { try await db.createTask(Fixture.definition(annotators: ["ghost"]), by: nil) }
        #expect(error?.description.contains("ghost") == true)
        #expect(try await db.tasks(visibleTo: User(id: nil, name: "x", role: .admin, createdAt: Date())).isEmpty)
    }
}
