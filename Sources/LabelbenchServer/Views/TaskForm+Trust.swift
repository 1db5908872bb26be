import LabelbenchCore

extension TaskForm {
    /// The task form's pausing fields as posted: `min_trust` (0–1, 0 or blank: off) and `min_gold_seen`
    /// (blank: 5). A field the post lacks (nil) keeps what the task has, so an older form changes nothing.
    struct TrustFields: Decodable {
        var minTrust: String?
        var minGoldSeen: String?

        enum CodingKeys: String, CodingKey {
            case minTrust = "min_trust"
            case minGoldSeen = "min_gold_seen"
        }

        /// The fields as a task shows them.
        init(_ definition: TaskDefinition) {
            minTrust = TaskFormPage.format(definition.minTrust)
            minGoldSeen = String(definition.minGoldSeen)
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            minTrust = try c.decodeIfPresent(String.self, forKey: .minTrust)
            minGoldSeen = try c.decodeIfPresent(String.self, forKey: .minGoldSeen)
        }

        /// Sets `definition`'s pausing settings; text that is not a number is filed under its field, and
        /// the ranges are Core's to check (`TaskDefinition.problems()`).
        func apply(to definition: inout TaskDefinition, existing: TaskDefinition?, errors: inout TaskFormErrors) {
            let kept = existing ?? definition
            definition.minTrust = kept.minTrust
            definition.minGoldSeen = kept.minGoldSeen
            if let text = minTrust?.trimmingCharacters(in: .whitespaces) {
                if text.isEmpty {
                    definition.minTrust = 0
                } else if let value = Double(text), value.isFinite {
                    definition.minTrust = value
                } else {
                    errors.add(.minTrust, "Give a number between 0 and 1 (0 turns pausing off).")
                }
            }
            if let text = minGoldSeen?.trimmingCharacters(in: .whitespaces) {
                if text.isEmpty {
                    definition.minGoldSeen = 5
                } else if let value = Int(text) {
                    definition.minGoldSeen = value
                } else {
                    errors.add(.minGoldSeen, "Give a whole number of gold answers.")
                }
            }
        }
    }
}
