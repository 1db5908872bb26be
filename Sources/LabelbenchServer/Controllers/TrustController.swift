import Foundation
import Hummingbird
import LabelbenchCore
import Logging

/// Resuming an annotator paused on a task, for practitioners and admins: the API route
/// (`POST /api/v1/tasks/TASK/annotators/NAME/resume`) and the quality page's Resume button.
struct TrustController {
    let services: AppServices

    func addRoutes(api: RouterGroup<AppRequestContext>, pages: Router<AppRequestContext>) {
        api.post("tasks/:task/annotators/:annotator/resume", use: resumeJSON)
        pages.post("/tasks/:task/annotators/:annotator/resume", use: resumeForm)
    }

    /// The optional body `{"count_earlier": true}` counts the annotator's earlier, untrusted work again.
    struct ResumeBody: Decodable {
        var countEarlier: Bool?
        enum CodingKeys: String, CodingKey { case countEarlier = "count_earlier" }
    }

    struct ResumeForm: Decodable {
        var csrf: String?
        var countEarlier: String?
        enum CodingKeys: String, CodingKey {
            case csrf
            case countEarlier = "count_earlier"
        }
    }

    /// 200 with the resume as recorded.
    @Sendable func resumeJSON(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, task) = try await context.task(in: services.database, for: .manage)
        let annotator = try context.parameters.require("annotator")
        // The body is optional: none resumes without counting the earlier work.
        let body = try await request.body.collect(upTo: services.config.maxJSONBytes)
        let countEarlier =
            body.readableBytes == 0
            ? false : try StrictJSON.decode(ResumeBody.self, from: Data(buffer: body)).countEarlier ?? false
        let event = try await services.database.resume(annotator, in: task, by: user, countEarlier: countEarlier)
        TrustEvents.log(event, task: task, logger: context.logger)
        return JSONResponse.text(TrustEvents.json(event) + "\n")
    }

    /// The Resume button: back to the quality page's trust section (303).
    @Sendable func resumeForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, task) = try await context.task(in: services.database, for: .manage)
        let annotator = try context.parameters.require("annotator")
        let form = try await FormInput.decode(ResumeForm.self, from: request, context: context)
        let event = try await services.database.resume(
            annotator, in: task, by: user, countEarlier: form.countEarlier != nil)
        TrustEvents.log(event, task: task, logger: context.logger)
        return redirect(to: "/tasks/\(task.name)/quality#trust")
    }
}

/// Pauses and resumes as security events, one line each, and as the API's JSON.
enum TrustEvents {
    static func log(_ event: TrustEvent, task: LabelingTask, logger: Logger) {
        var metadata: Logger.Metadata = [
            "task": "\(task.name)", "user": "\(event.annotator)",
            "gold": "\(event.accuracy.correct)/\(event.accuracy.seen)",
        ]
        switch event.kind {
        case .pause:
            logger.notice("security: annotator paused by the gold check; their annotations stop counting", metadata: metadata)
        case .resume:
            metadata["by"] = "\(event.by ?? "")"
            metadata["count_earlier"] = "\(event.countEarlier)"
            logger.notice("security: annotator resumed", metadata: metadata)
        }
    }

    static func json(_ event: TrustEvent) -> String {
        "{\"annotator\":\(JSONText.string(event.annotator)),\"event\":\"\(event.kind.rawValue)\","
            + "\"at\":\(JSONText.string(ISO8601.string(event.at))),\"by\":\(event.by.map(JSONText.string) ?? "null"),"
            + "\"gold_correct\":\(event.accuracy.correct),\"gold_seen\":\(event.accuracy.seen),\"count_earlier\":\(event.countEarlier)}"
    }
}
