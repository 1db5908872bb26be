/// The task setting `consensus`: how the task's answers become one label per item where the task
/// itself decides: adaptive overlap's confidence, and the method of `aggregate` when asked for none.
///
/// `majority` weighs every counted answer alike. `dawid-skene` weighs each annotator by their estimated
/// confusion matrix (`DawidSkeneModel`), so two careful annotators who agree can settle an item and a
/// spammer's vote counts for little; it needs one label per answer (single choice or rating).
public enum ConsensusMethod: String, Codable, Sendable, CaseIterable {
    case majority
    case dawidSkene = "dawid-skene"

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let method = ConsensusMethod(rawValue: text) else {
            throw DomainError.invalid("consensus: use majority or dawid-skene (got \"\(text.prefix(40))\")")
        }
        self = method
    }

    /// Why the method cannot serve a task answering `answer`, or nil when it can.
    func problem(for answer: AnswerType) -> String? {
        guard self == .dawidSkene, answer != .single, answer != .rating else { return nil }
        return "dawid-skene needs one label per answer (single choice or rating); use majority for \(answer.rawValue)"
    }
}
