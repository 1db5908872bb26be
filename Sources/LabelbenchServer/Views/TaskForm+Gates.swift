import LabelbenchCore

extension TaskForm {
    /// The task form's quality gate fields as posted: a blank threshold sets no gate; the protected aliases
    /// are separated by commas or spaces. A field the post lacks (nil) keeps what the task has, so a client
    /// posting an older form does not lift its protection.
    struct GateFields: Decodable {
        var alphaCILow: String?
        var goldAccuracy: String?
        var maxUntrustedShare: String?
        var protectedAliases: String?

        enum CodingKeys: String, CodingKey {
            case alphaCILow = "gate_alpha_ci_low"
            case goldAccuracy = "gate_gold_accuracy"
            case maxUntrustedShare = "gate_max_untrusted_share"
            case protectedAliases = "protected_aliases"
        }

        init() {}

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            func text(_ key: CodingKeys) throws -> String? { try c.decodeIfPresent(String.self, forKey: key) }
            alphaCILow = try text(.alphaCILow)
            goldAccuracy = try text(.goldAccuracy)
            maxUntrustedShare = try text(.maxUntrustedShare)
            protectedAliases = try text(.protectedAliases)
        }

        /// The fields as a task shows them.
        init(_ definition: TaskDefinition) {
            func shown(_ value: Double?) -> String { value.map(TaskFormPage.format) ?? "" }
            alphaCILow = shown(definition.gates.alphaCILow)
            goldAccuracy = shown(definition.gates.goldAccuracy)
            maxUntrustedShare = shown(definition.gates.maxUntrustedShare)
            protectedAliases = definition.protectedAliases.joined(separator: ", ")
        }

        /// Sets the gates and protected aliases of `definition` (a field not posted keeps `existing`'s, or the
        /// default); a threshold that is not a number is filed under its field. Ranges and alias names are
        /// Core's to check (`TaskDefinition.problems()`).
        func apply(to definition: inout TaskDefinition, existing: TaskDefinition?, errors: inout TaskFormErrors) {
            let kept = existing ?? definition
            func threshold(_ text: String?, _ field: TaskFormErrors.Field, kept: Double?) -> Double? {
                guard let trimmed = text?.trimmingCharacters(in: .whitespaces) else { return kept }
                if trimmed.isEmpty { return nil }
                if let value = Double(trimmed), value.isFinite { return value }
                errors.add(field, "Give a number, or leave it blank for no gate.")
                return nil
            }
            definition.gates = QualityGates(
                alphaCILow: threshold(alphaCILow, .gateAlphaCILow, kept: kept.gates.alphaCILow),
                goldAccuracy: threshold(goldAccuracy, .gateGoldAccuracy, kept: kept.gates.goldAccuracy),
                maxUntrustedShare: threshold(maxUntrustedShare, .gateMaxUntrustedShare, kept: kept.gates.maxUntrustedShare))
            definition.protectedAliases =
                protectedAliases.map { $0.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init) }
                ?? kept.protectedAliases
        }
    }
}
