import Foundation
import Hummingbird
import LabelbenchCore

/// The browser pages: the home redirect and task authoring (the queue is `QueuePagesController`).
/// Every page works without JavaScript; forms post, then redirect (303).
struct WebController {
    let services: AppServices
    var database: AppDatabase { services.database }
    var renderer: PageRenderer { services.renderer }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/", use: home)

        router.get("/tasks/new", use: newTaskPage)
        router.post("/tasks/new", use: createTask)
        router.get("/tasks/:task/edit", use: editTaskPage)
        router.post("/tasks/:task/edit", use: updateTask)
        router.post("/tasks/:task/items", use: uploadItems)
    }

    /// Annotators start at their queue, managers at their tasks, strangers at the sign-in page.
    @Sendable func home(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let user = context.user else { return redirect(to: "/login") }
        return redirect(to: user.role.canManageTasks ? "/tasks" : "/queue")
    }
}

extension DomainError {
    /// The message of an input or state problem a form can show; nil for other errors.
    var formMessage: String? {
        switch self {
        case .invalid(let message), .conflict(let message): message
        default: nil
        }
    }
}

/// Short dates for tables: "2026-05-04 13:02 UTC".
enum PageDate {
    static func string(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return formatter.string(from: date)
    }
}
