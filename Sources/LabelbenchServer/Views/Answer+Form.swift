import LabelbenchCore

extension Answer {
    /// The labels a form ticked (empty ones left out) as an answer of the task's type: one label for
    /// single choice and ratings, all of them for multiple choice. Nothing ticked is an input error.
    static func chosen(_ labels: [String], for task: LabelingTask) throws -> Answer {
        guard let first = labels.first else {
            throw DomainError.invalid(task.answer == .multiple ? "Pick at least one label." : "Pick a label.")
        }
        return task.answer == .multiple ? try Answer.parse(labels, for: task) : try Answer.parse(first, for: task)
    }
}
