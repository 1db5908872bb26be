import ArtifactStore
import Foundation
import Testing

@testable import LabelbenchCore

/// Shared fixtures for the core tests: databases, tasks, users and items.
enum Fixture {
    static func database() throws -> AppDatabase { try AppDatabase.inMemory() }

    static func definition(
        name: String = "animals", answer: AnswerType = .single, labels: [String] = ["cat", "dog", "bird"],
        overlap: Overlap = 2, leaseSeconds: Int = 60, goldRate: Double = 0, instructions: String = "Pick the animal.",
        guidelines: [Guideline] = [], annotators: [String] = []
    ) -> TaskDefinition {
        TaskDefinition(
            name: name, title: "Animals", kind: .text, answer: answer,
            labels: labels.enumerated().map { TaskLabel(name: $0.element, key: "\($0.offset + 1)") },
            overlap: overlap, leaseSeconds: leaseSeconds, goldRate: goldRate, instructions: instructions,
            guidelines: guidelines, annotators: annotators)
    }

    /// Annotator accounts without passwords (no bcrypt cost in tests).
    @discardableResult
    static func annotators(_ names: [String], in db: AppDatabase) async throws -> [User] {
        var users: [User] = []
        for name in names { users.append(try await db.createUser(name: name, role: .annotator, password: nil)) }
        return users
    }

    /// A task with annotators assigned and `count` text items `item-000`…; `gold` maps item ids to gold labels.
    static func task(
        _ db: AppDatabase, _ definition: TaskDefinition? = nil, annotators: [String] = ["ann-1", "ann-2", "ann-3"],
        items count: Int = 5, gold: [String: String] = [:]
    ) async throws -> (LabelingTask, [User]) {
        let users = try await Self.annotators(annotators, in: db)
        var definition = definition ?? Self.definition()
        definition.annotators = annotators
        let task = try await db.createTask(definition, by: nil)
        if count > 0 {
            try await db.importItems(items(count, gold: gold), into: task)
        }
        return (task, users)
    }

    static func itemID(_ index: Int) -> String { String(format: "item-%03d", index) }

    static func items(_ count: Int, gold: [String: String] = [:]) -> [ItemDraft] {
        (0..<count).map { index in
            let id = itemID(index)
            return ItemDraft(
                externalID: id, content: .text("text of \(id)"), gold: gold[id].map { JSONValueBox($0) },
                origin: .line(index + 1, of: "items.jsonl"))
        }
    }

    static func jsonl(_ lines: [String]) -> Data { Data((lines.joined(separator: "\n") + "\n").utf8) }
}

/// A fresh temp folder per test, removed afterwards.
func withTemporaryFolder<T>(_ body: (URL) async throws -> T) async throws -> T {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("lbcore-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try await body(url)
}

/// The DomainError thrown by `body`, or nil when it did not throw one.
func domainError(_ body: () async throws -> Void) async -> DomainError? {
    do {
        try await body()
        return nil
    } catch let error as DomainError {
        return error
    } catch {
        Issue.record("expected a DomainError, got \(error)")
        return nil
    }
}

extension DomainError {
    var isConflict: Bool { if case .conflict = self { true } else { false } }
    var isInvalid: Bool { if case .invalid = self { true } else { false } }
}

extension NextItem {
    /// The lease, or nil when idle.
    var lease: Lease? {
        if case .leased(let lease) = self { return lease }
        return nil
    }
}
