import Agreement
import Hummingbird
import LabelbenchCore

/// The queue's answer form for box tasks: one handler for `boxes.js`'s list and for the rows typed
/// with JavaScript off (see `BoxForm`).
extension QueuePagesController {
    /// Stores the boxes (or `[]` from "Nothing to box") and goes on to the next item; "Add another row"
    /// and refused boxes show the item again with what was sent.
    func submitBoxes(_ request: Request, context: AppRequestContext, task: LabelingTask, user: User) async throws -> Response {
        let form = try await FormInput.decode(BoxForm.self, from: request, context: context)
        guard let item = form.item, !item.isEmpty else { return redirect(to: "/queue/\(task.name)") }
        func shownAgain(_ refused: String?) async throws -> Response {
            try await itemPage(
                task: task, user: user, context: context, error: "", chosen: [], boxDraft: BoxDraft(form: form, refused: refused),
                status: refused == nil ? .ok : .unprocessableContent)
        }
        if form.addRow { return try await shownAgain(nil) }
        let boxes: [Box]
        do throws(BoxForm.Refusal) {
            boxes = try form.boxes(image: nil, classes: task.labelNames)
        } catch {
            return try await shownAgain(error.message)
        }
        let submission = AnnotationSubmission(
            itemID: item, answer: .boxes(boxes), leaseToken: form.lease, requestID: nil, seconds: Self.seconds(form))
        let stored: AnnotationView
        do {
            stored = try await database.submitAnnotation(submission, in: task, by: user)
        } catch DomainError.conflict(let message) {
            return try conflictPage(task: task, message: message, context: context)
        } catch DomainError.invalid(let message) {
            // A box past the image's edge: the page names its row.
            return try await shownAgain(message)
        }
        return answered(stored, in: task, context: context)
    }

    /// Replaces one of the annotator's recent box answers.
    func reviseBoxes(_ request: Request, context: AppRequestContext, task: LabelingTask, user: User) async throws -> Response {
        let form = try await FormInput.decode(BoxForm.self, from: request, context: context)
        guard let item = form.item, !item.isEmpty else { return redirect(to: "/queue/\(task.name)/previous") }
        func shownAgain(_ refused: String?) async throws -> Response {
            try await previousPage(
                task: task, user: user, itemID: item, error: nil, boxDraft: BoxDraft(form: form, refused: refused),
                context: context)
        }
        if form.addRow { return try await shownAgain(nil) }
        do {
            let boxes = try form.boxes(image: nil, classes: task.labelNames)
            try await database.reviseAnnotation(itemID: item, answer: .boxes(boxes), in: task, by: user)
        } catch let refusal as BoxForm.Refusal {
            return try await shownAgain(refusal.message)
        } catch DomainError.invalid(let message) {
            return try await shownAgain(message)
        } catch DomainError.conflict(let message) {
            return try conflictPage(task: task, message: message, context: context)
        }
        return redirect(to: "/queue/\(task.name)")
    }
}

/// An answer form that says when its page was shown and how long the annotator took (`seconds`).
protocol TimedForm {
    var started: String? { get }
    var seconds: String? { get }
}

extension QueuePagesController.AnswerForm: TimedForm {}
extension BoxForm: TimedForm {}
