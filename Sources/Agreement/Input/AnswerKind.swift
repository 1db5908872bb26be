/// The shape of a task's answer: one label, several labels, or a point on an ordered scale.
public enum AnswerKind: String, Sendable, Codable {
    case single, multiple, rating
}
