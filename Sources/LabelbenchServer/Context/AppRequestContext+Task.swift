import Hummingbird
import LabelbenchCore

/// What a route does with the task its path names, which decides who may reach it.
enum TaskAccess {
    /// See the task and its pages: its assigned annotators, every practitioner and admin.
    case view
    /// Author, import, review, rule and export: practitioners and admins.
    case manage
    /// Take and answer its items (the API's annotator loop): assigned people only, whatever their role.
    case label
}

extension AppRequestContext {
    /// The signed-in user and the task named by the path's `:task`, when `access` lets them reach it:
    /// 401 without a user, 403 for an annotator where managing is needed, and 404 for a task that does
    /// not exist or that the user may not know exists.
    func task(in database: AppDatabase, for access: TaskAccess = .view) async throws -> (User, LabelingTask) {
        let user = access == .manage ? try requireManager() : try requireUser()
        let name = try parameters.require("task")
        switch access {
        case .view, .manage: return (user, try await database.task(named: name, visibleTo: user))
        // Read on the calling thread with cached statements: these are the loop's two hot routes.
        case .label: return (user, try database.queueTask(named: name, visibleTo: user))
        }
    }
}
