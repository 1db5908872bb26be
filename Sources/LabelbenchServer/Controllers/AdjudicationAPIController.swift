import Foundation
import Hummingbird
import LabelbenchCore

/// Rulings on items, for practitioners: `/api/v1/tasks/TASK/adjudications`. A ruling's label
/// replaces the consensus in exports (`source: "adjudicated"`).
/// Annotators never see rulings (they would see others' disagreements through them).
struct AdjudicationAPIController {
    let services: AppServices

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("tasks/:task/adjudications", use: list)
        group.put("tasks/:task/adjudications", use: rule)
        group.delete("tasks/:task/adjudications", use: withdraw)
        group.post("tasks/:task/relabel", use: relabel)
    }

    /// Every ruling of the task as JSON lines, or one item's with `?item=ID` (404 when it has none).
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, task) = try await context.task(in: services.database, for: .manage)
        var rulings = try await services.database.adjudications(in: task)
        if let item = request.uri.queryParameters.get("item") {
            rulings = rulings.filter { $0.item == item }
            if rulings.isEmpty { throw DomainError.notFound("item \"\(item)\" has no ruling") }
        }
        return JSONResponse.text(rulings.map { Self.line($0) + "\n" }.joined(), contentType: "application/x-ndjson")
    }

    /// `{"item": "…", "label": …, "note": "…"}`: records the ruling, replacing an earlier one.
    @Sendable func rule(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, task) = try await context.task(in: services.database, for: .manage)
        let body = try await JSONResponse.decode(RulingBody.self, from: request, limit: services.config.maxJSONBytes)
        let item = body.item
        let ruling = try await services.database.adjudicate(
            item, in: task, answer: Answer.parse(body.label, for: task), note: body.note, by: user)
        RulingEvents.ruled(item, in: task, by: user, logger: context.logger)
        return JSONResponse.text(Self.line(ruling) + "\n")
    }

    /// `?item=ID`: withdraws the ruling, so the item's label is the consensus again.
    @Sendable func withdraw(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, task) = try await context.task(in: services.database, for: .manage)
        guard let item = request.uri.queryParameters.get("item"), !item.isEmpty else {
            throw DomainError.invalid("item: give the id of the item, as ?item=ID")
        }
        guard try await services.database.removeAdjudication(item, in: task) else {
            throw DomainError.notFound("item \"\(item)\" has no ruling")
        }
        RulingEvents.withdrawn(item, in: task, by: user, logger: context.logger)
        return Response(status: .noContent)
    }

    /// `{"items": ["…", …]}`: sends the items back to be labeled again under the guideline version
    /// in force; their annotations are set aside (kept, no longer counted) and rulings withdrawn.
    @Sendable func relabel(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, task) = try await context.task(in: services.database, for: .manage)
        let items = try await JSONResponse.decode(RelabelBody.self, from: request, limit: services.config.maxJSONBytes).items
        let setAside = try await services.database.sendBackForRelabeling(items, in: task, by: user)
        RulingEvents.sentBack(items.count, in: task, by: user, logger: context.logger)
        return JSONResponse.text("{\"items\":\(items.count),\"annotations_set_aside\":\(setAside)}\n")
    }

    static func line(_ ruling: Adjudication) -> String {
        "{\"item\":\(JSONText.string(ruling.item)),\"label\":\(ruling.answer.json),\"note\":\(ruling.note.map(JSONText.string) ?? "null"),"
            + "\"guideline_version\":\(ruling.guidelineVersion),\"adjudicator\":\(JSONText.string(ruling.adjudicator)),"
            + "\"created_at\":\(JSONText.string(ISO8601.string(ruling.createdAt)))}"
    }
}
