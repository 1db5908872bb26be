import Foundation
import HTTPTypes
import Hummingbird
import LabelbenchCore

/// The JSON API under `/api/v1`, authorized by bearer tokens.
struct APIController: Controller {
    let services: AppServices

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("openapi.json") { _, _ in JSONResponse.text(OpenAPIDocument.json) }
        group.get("tasks", use: listTasks)
        group.post("tasks", use: createTask)
        group.get("tasks/:task", use: showTask)
        group.put("tasks/:task", use: updateTask)
        group.post("tasks/:task/items", use: importItems)
        group.get("tasks/:task/next", use: next)
        group.post("tasks/:task/annotations", use: submit)
        group.get("tasks/:task/annotations", use: listAnnotations)
        group.post("tasks/:task/annotations/import", use: importAnnotations)
        group.post("tasks/:task/skip", use: skip)
    }

    @Sendable func listTasks(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let tasks = try await database.tasks(visibleTo: user)
        return try JSONResponse.encode(["tasks": tasks.map(TaskJSON.init)])
    }

    @Sendable func createTask(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireManager()
        let body = try await request.body.collect(upTo: services.config.maxJSONBytes)
        let definition = try TaskDefinition.decode(Data(buffer: body))
        let task = try await database.createTask(definition, by: user)
        context.logger.info("task created", metadata: ["task": "\(task.name)", "user": "\(user.name)"])
        return try JSONResponse.encode(
            try await TaskDetailJSON(task: task, definition: database.definition(of: task)), status: .created)
    }

    @Sendable func showTask(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, task) = try await context.task(in: database)
        var definition = try await database.definition(of: task)
        if !user.role.canManageTasks { definition.annotators = [] }
        return try JSONResponse.encode(TaskDetailJSON(task: task, definition: definition))
    }

    @Sendable func updateTask(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, task) = try await context.task(in: database, for: .manage)
        let body = try await request.body.collect(upTo: services.config.maxJSONBytes)
        let definition = try TaskDefinition.decode(Data(buffer: body))
        let updated = try await database.updateTask(named: task.name, with: definition, by: user)
        return try JSONResponse.encode(try await TaskDetailJSON(task: updated, definition: database.definition(of: updated)))
    }

    @Sendable func importItems(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, task) = try await context.task(in: database, for: .manage)
        let update = request.uri.queryParameters.get("update") == "true"
        let importer = ItemUpload(services: services)
        let report = try await importer.importBody(request, into: task, update: update, context: context)
        return try JSONResponse.encode(report, status: .created)
    }

    @Sendable func next(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, task) = try await context.task(in: database, for: .label)
        switch try await database.leaseNextItem(in: task, for: user) {
        case .leased(let lease):
            return JSONResponse.text(LeaseJSON.render(lease, task: task) + "\n")
        case .idle(let idle):
            var response = Response(status: .noContent)
            if let retry = idle.retryAt {
                response.headers[.retryAfter] = String(max(1, Int(retry.timeIntervalSinceNow.rounded(.up))))
                response.headers[HTTPField.Name("Labelbench-Waiting")!] = String(idle.waiting)
            }
            return response
        }
    }

    @Sendable func submit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, task) = try await context.task(in: database, for: .label)
        let body = try await JSONResponse.decode(AnnotationBody.self, from: request, limit: services.config.maxJSONBytes)
        let submission = try body.submission(for: task)
        let annotation = try await database.submitAnnotation(submission, in: task, by: user)
        if let pause = annotation.pause { TrustEvents.log(pause, task: task, logger: context.logger) }
        return JSONResponse.text(GoldFeedbackJSON.line(annotation) + "\n", status: annotation.created ? .created : .ok)
    }

    @Sendable func skip(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, task) = try await context.task(in: database)
        let body = try await JSONResponse.decode(SkipBody.self, from: request, limit: services.config.maxJSONBytes)
        try await database.skipItem(body.item, in: task, for: user)
        return Response(status: .noContent)
    }

    @Sendable func listAnnotations(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, task) = try await context.task(in: database, for: .manage)
        let database = database
        // Written as it is read, in pieces of about 64 KiB, so a task of millions of labels never sits in memory.
        let lines = ResponseBody { writer in
            var piece = ByteBuffer()
            try await database.forEachAnnotation(of: task) { annotation in
                piece.writeString(annotation.jsonLine)
                piece.writeString("\n")
                if piece.readableBytes >= 64 << 10 {
                    try await writer.write(piece)
                    piece.clear()
                }
            }
            if piece.readableBytes > 0 { try await writer.write(piece) }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "application/x-ndjson; charset=utf-8"], body: lines)
    }

    @Sendable func importAnnotations(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, task) = try await context.task(in: database, for: .manage)
        // Read as it arrives, line by line, so one huge line is refused at 1 MB instead of held whole.
        var reader = AnnotationLineReader(fileName: "annotations", task: task)
        var received = 0
        for try await piece in request.body {
            received += piece.readableBytes
            if received > services.config.maxUploadBytes { throw HTTPError(.contentTooLarge) }
            try reader.append(piece.readableBytesView)
        }
        let report = try await database.importAnnotations(reader.finish(), into: task)
        return try JSONResponse.encode(report, status: .created)
    }
}
