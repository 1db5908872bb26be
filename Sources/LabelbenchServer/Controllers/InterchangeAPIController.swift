import Foundation
import Hummingbird
import LabelbenchCore

/// `POST /api/v1/tasks/TASK/imports?format=label-studio|mturk|sagemaker`: another tool's export
/// as the body, its items and annotations imported in one transaction (practitioners).
struct InterchangeAPIController: Controller {
    let services: AppServices

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("tasks/:task/imports", use: importFrom)
    }

    @Sendable func importFrom(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, task) = try await context.task(in: database, for: .manage)
        let format = try InterchangeFormat(named: request.uri.queryParameters.get("format") ?? "")
        // The client's file name, when it sends one, makes errors read "export.json index 3 (id 17)".
        let fileName =
            request.headers[.contentDisposition].flatMap { HeaderValue($0)?.parameters["filename"] }
            .map { ($0 as NSString).lastPathComponent }.flatMap { $0.isEmpty ? nil : $0 } ?? format.rawValue
        let body = Data(buffer: try await request.body.collect(upTo: services.config.maxUploadBytes))
        let report = try await database.importInterchange(body, format: format, fileName: fileName, into: task)
        context.logger.info(
            "imported from another tool",
            metadata: [
                "task": "\(task.name)", "format": "\(format.rawValue)", "items": "\(report.itemsCreated)",
                "annotations": "\(report.annotationsImported)",
            ])
        return try JSONResponse.encode(report, status: .created)
    }
}
