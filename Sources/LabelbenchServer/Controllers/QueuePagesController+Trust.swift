import Foundation
import Hummingbird
import LabelbenchCore

extension QueuePagesController {
    /// Where the queue goes after an answer is stored: the next item, with `?answered=ID` after a wrong
    /// answer to a gold item so that page shows the feedback. A pause this answer caused is logged.
    func answered(_ stored: AnnotationView, in task: LabelingTask, context: AppRequestContext) -> Response {
        if let pause = stored.pause { TrustEvents.log(pause, task: task, logger: context.logger) }
        guard let feedback = stored.feedback, !feedback.correct else { return redirect(to: "/queue/\(task.name)") }
        let item = stored.item.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        return redirect(to: "/queue/\(task.name)?answered=\(item)")
    }

    /// The queue of a paused annotator: why, and whom to ask (403), after the feedback that paused them.
    func pausedPage(
        _ paused: AnnotatorPaused, task: LabelingTask, feedback: GoldFeedback?, context: AppRequestContext
    ) throws -> Response {
        let page = QueuePausedPage(
            chrome: Chrome(title: task.title, context: context), taskTitle: task.title, message: paused.description,
            goldFeedback: feedback.map { GoldFeedbackView($0, in: task) })
        return try renderer.render(page, template: "queue/paused", status: .forbidden)
    }
}
