import LabelbenchCore

extension DomainError {
    /// The message of an input or state problem a form can show; nil for other errors.
    var formMessage: String? {
        switch self {
        case .invalid(let message), .conflict(let message): message
        default: nil
        }
    }

    /// The message an assignment form shows: bad input, a clash, or a name that does not exist.
    var assignmentMessage: String? {
        if case .notFound(let message) = self { return message }
        return formMessage
    }
}
