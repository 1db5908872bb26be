import Agreement
import Hummingbird
import LabelbenchCore

extension ReviewPageController {
    /// A box task's ruling from the form's rows (`BoxForm`, as in the queue). "Add another row" shows
    /// the rows again with an empty one; a refused row, or a box the core finds past the image's edge,
    /// shows them again with the reason beside the row (422), and nothing is stored.
    func ruleOnBoxes(
        _ form: RulingForm, item: String, task: LabelingTask, user: User, context: AppRequestContext
    ) async throws -> Response {
        func shownAgain(_ refused: String?) async throws -> Response {
            try await render(
                task: task, item: item, context: context, error: nil, note: form.note,
                boxDraft: BoxDraft(form: form.boxRows, refused: refused), status: refused == nil ? .ok : .unprocessableContent)
        }
        if form.boxRows.addRow { return try await shownAgain(nil) }
        do {
            let boxes = try form.boxRows.boxes(image: nil, classes: task.labelNames)
            try await services.database.adjudicate(item, in: task, answer: .boxes(boxes), note: form.note, by: user)
        } catch let refusal as BoxForm.Refusal {
            return try await shownAgain(refusal.message)
        } catch DomainError.invalid(let message) {
            return try await shownAgain(message)
        }
        return ruled(item, in: task, by: user, context: context)
    }
}
