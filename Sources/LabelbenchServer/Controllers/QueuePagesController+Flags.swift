import Hummingbird
import LabelbenchCore

/// The queue's flag form: the annotator flags the item on screen, or an answer they are changing.
extension QueuePagesController {
    struct FlagForm: Decodable {
        var csrf: String?
        var item: String?
        var reason: String?
        var note: String?
        /// `previous` when sent from the "change an answer" page.
        var back: String?
    }

    /// Flags the item and returns to it: the lease holds, so the same item is shown again with the
    /// flag (to answer or skip it, or change the flag). From the "change an answer" page it returns
    /// there. A refused reason or note shows the page again with the message (422), nothing stored.
    @Sendable func flagItem(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, task) = try await context.task(in: database)
        let form = try await FormInput.decode(FlagForm.self, from: request, context: context)
        guard let item = form.item, !item.isEmpty else { return redirect(to: "/queue/\(task.name)") }
        let fromPrevious = form.back == "previous"
        do {
            let reason = try ItemFlag.Reason(parsing: form.reason ?? "")
            let outcome = try await database.flagItem(item, in: task, reason: reason, note: form.note?.withLineFeeds, by: user)
            FlagsAPIController.log(outcome, task: task, user: user, context: context)
        } catch DomainError.invalid(let message) {
            if fromPrevious {
                return try await previousPage(task: task, user: user, itemID: item, error: message, context: context)
            }
            return try await itemPage(
                task: task, user: user, context: context, error: message, chosen: [], status: .unprocessableContent)
        }
        if fromPrevious { return redirect(to: "/queue/\(task.name)/previous?item=" + URLText.component(item) + "#flag") }
        return redirect(to: "/queue/\(task.name)#flag")
    }
}
