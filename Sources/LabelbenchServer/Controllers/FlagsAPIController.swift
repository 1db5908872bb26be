import Foundation
import Hummingbird
import LabelbenchCore

/// Flags on items: annotators raise them (`POST …/items/ID/flags`), practitioners list and resolve
/// them (`GET …/flags`, `POST …/flags/ID/resolve`).
struct FlagsAPIController {
    let services: AppServices
    var database: AppDatabase { services.database }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("tasks/:task/items/:item/flags", use: flag)
        group.get("tasks/:task/flags", use: list)
        group.post("tasks/:task/flags/:flag/resolve", use: resolve)
    }

    /// `{"reason", "note"?}`: 201 with a new flag; 200 with the caller's open flag on the item amended.
    /// Only people assigned to the task may flag its items; anyone else is told the task does not exist.
    @Sendable func flag(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, task) = try await context.task(in: database, for: .label)
        let item = try Self.pathItem(context)
        let body = try await JSONResponse.decode(FlagBody.self, from: request, limit: services.config.maxJSONBytes)
        let outcome = try await database.flagItem(item, in: task, reason: body.reason, note: body.note, by: user)
        Self.log(outcome, task: task, user: user, context: context)
        return try JSONResponse.encode(FlagJSON(flag: outcome.flag), status: outcome.created ? .created : .ok)
    }

    /// `?state=open|resolved|all` (default `open`) and `?item=ID`: `{"flags": […]}`, oldest first.
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, task) = try await context.task(in: database, for: .manage)
        let query = request.uri.queryParameters
        let state = try FlagState(parsing: query.get("state") ?? FlagState.open.rawValue)
        let flags = try await database.flags(in: task, state: state, item: query.get("item"))
        return try JSONResponse.encode(["flags": flags.map(FlagJSON.init)])
    }

    /// `{"resolution": "guideline"|"ruled"|"dismissed"}`: the flag as resolved (again the same way: unchanged).
    @Sendable func resolve(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, task) = try await context.task(in: database, for: .manage)
        let id = try Self.pathFlag(context, task: task)
        let body = try await JSONResponse.decode(FlagResolutionBody.self, from: request, limit: services.config.maxJSONBytes)
        let (flag, changed) = try await database.resolveFlag(id, in: task, as: body.resolution, by: user)
        if changed { Self.logResolved(flag, task: task, user: user, context: context) }
        return try JSONResponse.encode(FlagJSON(flag: flag))
    }

    /// Logs a flag raised or amended, by id (never the note, which the annotator typed).
    static func log(_ outcome: FlagOutcome, task: LabelingTask, user: User, context: AppRequestContext) {
        context.logger.info(
            outcome.created ? "item flagged" : "item flag amended",
            metadata: ["task": "\(task.name)", "flag": "\(outcome.flag.id)", "user": "\(user.name)"])
    }

    /// Logs who resolved a flag and how.
    static func logResolved(_ flag: ItemFlag, task: LabelingTask, user: User, context: AppRequestContext) {
        context.logger.info(
            "flag resolved",
            metadata: [
                "task": "\(task.name)", "flag": "\(flag.id)", "resolution": "\(flag.resolution?.rawValue ?? "")",
                "user": "\(user.name)",
            ])
    }

    /// The item id of the path, percent-decoded (ids may hold any character, `/` included, as `%2F`).
    static func pathItem(_ context: AppRequestContext) throws -> String {
        let raw = try context.parameters.require("item")
        guard let item = raw.removingPercentEncoding, !item.isEmpty else {
            throw DomainError.invalid("item: percent-encode the item id in the path")
        }
        return item
    }

    /// The flag id of the path; anything but a number names no flag.
    static func pathFlag(_ context: AppRequestContext, task: LabelingTask) throws -> Int64 {
        let raw = try context.parameters.require("flag")
        guard let id = Int64(raw) else { throw DomainError.notFound("no flag \(raw.prefix(100)) in \(task.name)") }
        return id
    }
}
