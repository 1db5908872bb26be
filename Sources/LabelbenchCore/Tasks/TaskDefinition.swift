import Foundation

/// A task as authored: the task file of `tasks create`, the JSON API body and the browser form.
public struct TaskDefinition: Codable, Sendable, Equatable {
    public var name: String
    public var title: String
    public var kind: ItemKind
    public var answer: AnswerType
    public var labels: [TaskLabel]
    public var overlap: Overlap
    /// `majority` (default) or `dawid-skene`: the confidence adaptive overlap compares, and the consensus
    /// `aggregate` uses when asked for none (exports take theirs from `--method`).
    public var consensus: ConsensusMethod = .majority
    public var leaseSeconds: Int
    public var goldRate: Double
    /// Pausing: gold accuracy under `minTrust` (0: off) after `minGoldSeen` gold answers pauses an annotator.
    public var minTrust: Double = 0
    public var minGoldSeen: Int = 5
    public var instructions: String
    public var guidelines: [Guideline]
    /// Names of annotator accounts assigned to the task.
    public var annotators: [String]
    /// The quality a version must reach before a protected alias may point at it.
    public var gates: QualityGates = QualityGates()
    /// Aliases that refuse a version that failed its gates unless forced with a reason.
    public var protectedAliases: [String] = QualityGates.defaultProtectedAliases

    public init(
        name: String, title: String, kind: ItemKind = .text, answer: AnswerType = .single, labels: [TaskLabel],
        overlap: Overlap = 1, leaseSeconds: Int = 900, goldRate: Double = 0, minTrust: Double = 0, minGoldSeen: Int = 5,
        instructions: String = "",
        guidelines: [Guideline] = [], annotators: [String] = []
    ) {
        self.name = name
        self.title = title
        self.kind = kind
        self.answer = answer
        self.labels = labels
        self.overlap = overlap
        self.leaseSeconds = leaseSeconds
        self.goldRate = goldRate
        self.minTrust = minTrust
        self.minGoldSeen = minGoldSeen
        self.instructions = instructions
        self.guidelines = guidelines
        self.annotators = annotators
    }

    enum CodingKeys: String, CodingKey {
        case name, title, kind, answer, labels, overlap, instructions, guidelines, annotators, gates, consensus
        case protectedAliases = "protected_aliases"
        case leaseSeconds = "lease_seconds"
        case goldRate = "gold_rate"
        case minTrust = "min_trust"
        case minGoldSeen = "min_gold_seen"
    }

    /// Fields `GET` returns beside the definition, accepted back when a client sends a task as it read it.
    enum ReadOnlyKeys: String, CodingKey {
        case guidelineVersion = "guideline_version"
    }

    public init(from decoder: any Decoder) throws {
        // `guideline_version` is read-only: `GET` returns it, so a client may send the task back as it
        // read it. It is checked to be a version number and otherwise ignored.
        try RefuseUnknownKeys.check(
            decoder,
            allowed: [
                "name", "title", "kind", "answer", "labels", "overlap", "consensus", "lease_seconds", "gold_rate",
                "min_trust", "min_gold_seen",
                "instructions", "guidelines", "annotators", "guideline_version",
                "gates", "protected_aliases",
            ],
            context: "task")
        let readOnly = try decoder.container(keyedBy: ReadOnlyKeys.self)
        if let version = try readOnly.decodeWholeNumberIfPresent(forKey: .guidelineVersion), version < 1 {
            throw DomainError.invalid("guideline_version: a version number is 1 or more (it is read-only and otherwise ignored)")
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        title = try c.decodeIfPresent(String.self, forKey: .title) ?? name
        kind = try c.decodeIfPresent(ItemKind.self, forKey: .kind) ?? .text
        answer = try c.decodeIfPresent(AnswerType.self, forKey: .answer) ?? .single
        labels = try c.decode([TaskLabel].self, forKey: .labels)
        overlap = try c.decodeIfPresent(Overlap.self, forKey: .overlap) ?? 1
        consensus = try c.decodeIfPresent(ConsensusMethod.self, forKey: .consensus) ?? .majority
        leaseSeconds = try c.decodeWholeNumberIfPresent(forKey: .leaseSeconds) ?? 900
        goldRate = try c.decodeIfPresent(Double.self, forKey: .goldRate) ?? 0
        minTrust = try c.decodeIfPresent(Double.self, forKey: .minTrust) ?? 0
        minGoldSeen = try c.decodeWholeNumberIfPresent(forKey: .minGoldSeen) ?? 5
        instructions = try c.decodeIfPresent(String.self, forKey: .instructions) ?? ""
        guidelines = try c.decodeIfPresent([Guideline].self, forKey: .guidelines) ?? []
        annotators = try c.decodeIfPresent([String].self, forKey: .annotators) ?? []
        gates = try c.decodeIfPresent(QualityGates.self, forKey: .gates) ?? QualityGates()
        protectedAliases =
            try c.decodeIfPresent([String].self, forKey: .protectedAliases) ?? QualityGates.defaultProtectedAliases
    }

    /// Decodes a task file, turning decoding failures into messages that name the field.
    public static func decode(_ data: Data) throws -> TaskDefinition {
        do {
            try StrictJSON.checkStructure(data)
            let definition = try JSONDecoder().decode(TaskDefinition.self, from: data)
            try definition.validate()
            return definition
        } catch let error as DomainError {
            throw error
        } catch let error as DecodingError {
            throw DomainError.invalid(error.fieldMessage)
        } catch {
            throw DomainError.invalid("the task is not valid JSON")
        }
    }

    /// Checks every field; the first problem found is thrown with the field's name.
    public func validate() throws {
        for (field, message) in problems() {
            throw DomainError.invalid("\(field): \(message)")
        }
    }

    /// Every problem with the definition, keyed by field, for forms that show them all at once.
    public func problems() -> [(field: String, message: String)] {
        var found: [(String, String)] = []
        if name.range(of: #"^[a-z0-9][a-z0-9_-]{0,63}$"#, options: .regularExpression) == nil {
            found.append(("name", "use 1 to 64 lowercase letters, digits, '-' or '_', starting with a letter or digit"))
        }
        if title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty || title.count > 200 {
            found.append(("title", "give a title of 1 to 200 characters"))
        }
        found += labelProblems()
        if let needed = answer.itemKind, needed != kind {
            found.append(
                needed == .text
                    ? ("answer", "spans mark ranges of a text item; an image task answers single, multiple, rating or boxes")
                    : ("answer", "boxes mark objects on an image item; a text task answers single, multiple, rating or spans"))
        }
        found += overlap.problems()
        if let problem = consensus.problem(for: answer) { found.append(("consensus", problem)) }
        if !(1...86_400).contains(leaseSeconds) { found.append(("lease_seconds", "must be between 1 and 86400")) }
        if !goldRate.isFinite || !(0...1).contains(goldRate) { found.append(("gold_rate", "must be between 0 and 1")) }
        if !minTrust.isFinite || !(0...1).contains(minTrust) {
            found.append(("min_trust", "must be between 0 and 1 (0 turns pausing off)"))
        }
        if !(1...100_000).contains(minGoldSeen) { found.append(("min_gold_seen", "must be between 1 and 100000")) }
        if instructions.utf8.count > 200_000 { found.append(("instructions", "must be at most 200,000 bytes")) }
        found += nulProblems()
        found += gates.problems() + QualityGates.aliasProblems(protectedAliases)
        if guidelines.count > 500 { found.append(("guidelines", "at most 500 entries")) }
        for (index, guideline) in guidelines.enumerated() {
            if guideline.title.trimmingCharacters(in: .whitespaces).isEmpty || guideline.title.count > 200 {
                found.append(("guidelines[\(index)].title", "give a title of 1 to 200 characters"))
            }
            if guideline.ruling.utf8.count > 50_000 {
                found.append(("guidelines[\(index)].ruling", "must be at most 50,000 bytes"))
            }
        }
        return found
    }

    /// Every text field that holds U+0000, which the database would cut the text at.
    private func nulProblems() -> [(String, String)] {
        var fields: [(String, String?)] = [("title", title), ("instructions", instructions)]
        for (index, guideline) in guidelines.enumerated() {
            fields += [("guidelines[\(index)].title", guideline.title), ("guidelines[\(index)].ruling", guideline.ruling)]
            fields += guideline.examples.enumerated().map { ("guidelines[\(index)].examples[\($0.offset)]", $0.element) }
        }
        for (index, label) in labels.enumerated() {
            fields += [("labels[\(index)].key", label.key), ("labels[\(index)].description", label.description)]
        }
        for (index, name) in annotators.enumerated() { fields.append(("annotators[\(index)]", name)) }
        return fields.compactMap { field, text in
            guard let text, StoredText.hasNUL(text) else { return nil }
            return (field, StoredText.problem)
        }
    }

    private func labelProblems() -> [(String, String)] {
        var found: [(String, String)] = []
        if labels.count < 2 || labels.count > 200 { found.append(("labels", "give between 2 and 200 labels")) }
        var names = Set<String>()
        var keys = Set<String>()
        for (index, label) in labels.enumerated() {
            let name = label.name
            if name.isEmpty || name.count > 100 || name != name.trimmingCharacters(in: .whitespacesAndNewlines)
                || name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
            {
                found.append(
                    ("labels[\(index)].name", "use 1 to 100 characters without control characters or surrounding spaces"))
            } else if !names.insert(name).inserted {
                found.append(("labels[\(index)].name", "\"\(name)\" appears twice"))
            }
            if let key = label.key, !key.isEmpty {
                if key.count != 1 || key == " " {
                    found.append(("labels[\(index)].key", "a shortcut is a single character"))
                } else if !keys.insert(key.lowercased()).inserted {
                    found.append(("labels[\(index)].key", "shortcut \"\(key)\" is used twice"))
                }
            }
            if (label.description ?? "").utf8.count > 10_000 {
                found.append(("labels[\(index)].description", "must be at most 10,000 bytes"))
            }
        }
        return found
    }
}

extension DecodingError {
    /// "overlap: expected a number" rather than Foundation's debug description.
    var fieldMessage: String {
        func path(_ context: DecodingError.Context) -> String {
            let parts = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            let joined = parts.reduce("") { acc, part in part.hasPrefix("[") || acc.isEmpty ? acc + part : acc + "." + part }
            return joined.isEmpty ? "body" : joined
        }
        switch self {
        case .keyNotFound(let key, let context):
            let prefix = path(context)
            return (prefix == "body" ? "" : prefix + ".") + "\(key.stringValue): missing"
        case .typeMismatch(let type, let context):
            return "\(path(context)): expected \(Self.describe(type))"
        case .valueNotFound(let type, let context):
            return "\(path(context)): expected \(Self.describe(type)), got null"
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return "the body is not valid JSON" }
            // Foundation's "Parsed JSON number <2.5> does not fit in Int." for whole-number fields.
            return "\(path(context)): invalid value"
        @unknown default:
            return "invalid input"
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Double.Type: "a number"
        case is Bool.Type: "true or false"
        default: String(describing: type).hasPrefix("Array") ? "a list" : "an object"
        }
    }
}
