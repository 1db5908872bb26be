import ArtifactStore
import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import LabelbenchCore
import Logging

/// The one place where failures become responses: JSON `{"error": {"message"}}` for the API,
/// an HTML page (or a redirect to sign in) for the browser. Unknown errors are logged with
/// the request id and shown generically.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let renderer: PageRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch {
            let (status, message) = Self.classify(error, context: context)
            let isAPI = request.uri.path.hasPrefix("/api/")
            // Media is fetched by <img> and by API clients alike: a missing sign-in is a 401, not a login page.
            let isMedia = request.uri.path.hasPrefix("/media/")
            if !isAPI && !isMedia && status == .unauthorized {
                let target = request.method == .get ? request.uri.path : "/"
                return Response(
                    status: .seeOther,
                    headers: [
                        .location: "/login?next="
                            + (target.addingPercentEncoding(
                                withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "/-_"))) ?? "/")
                    ])
            }
            if isAPI || isMedia {
                return Self.json(status: status, message: message)
            }
            let page = ErrorPage(
                chrome: Chrome(title: "\(status.code) \(status.reasonPhrase)", context: context), status: status.code,
                reason: status.reasonPhrase, message: message)
            return (try? renderer.render(page, template: "error", status: status)) ?? Self.json(status: status, message: message)
        }
    }

    static func classify(_ error: any Error, context: Context) -> (HTTPResponse.Status, String) {
        switch error {
        case let error as DomainError:
            switch error {
            case .invalid(let m): return (.unprocessableContent, m)
            case .notFound(let m): return (.notFound, m)
            case .conflict(let m): return (.conflict, m)
            case .forbidden(let m): return (.forbidden, m)
            case .unauthorized(let m): return (.unauthorized, m)
            }
        case let paused as AnnotatorPaused:
            return (.forbidden, paused.description)
        case ArtifactStoreError.io(let operation, _, let code):
            // The path stays in the log; the person gets the cause and what to do.
            context.logger.error("storage error", metadata: ["error": "\(error)"])
            let reason = String(cString: strerror(code))
            let status: HTTPResponse.Status =
                code == ENOSPC || code == EDQUOT
                ? HTTPResponse.Status(code: 507, reasonPhrase: "Insufficient Storage") : .internalServerError
            return (status, "the server could not store data (\(operation): \(reason)); nothing was committed")
        case let error as DatabaseError where [.SQLITE_FULL, .SQLITE_IOERR].contains(error.resultCode):
            // A full disk or a failed write: nothing was acknowledged, and the person is told so.
            context.logger.error("database write failed", metadata: ["error": "\(error)"])
            let full = error.resultCode == .SQLITE_FULL
            return (
                full ? HTTPResponse.Status(code: 507, reasonPhrase: "Insufficient Storage") : .internalServerError,
                full
                    ? "the server's disk is full; nothing was saved"
                    : "the server could not write to its database; nothing was saved"
            )
        case let error as HTTPError:
            return (error.status, error.body ?? error.status.reasonPhrase)
        case let error as any HTTPResponseError:
            return (error.status, error.status.reasonPhrase)
        default:
            context.logger.error("unexpected error", metadata: ["error": "\(String(reflecting: error))"])
            return (.internalServerError, "something went wrong on the server (request \(context.id))")
        }
    }

    static func json(status: HTTPResponse.Status, message: String) -> Response {
        var buffer = ByteBuffer()
        buffer.writeString("{\"error\":{\"message\":\(JSONText.string(message))}}\n")
        return Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8", .contentLength: String(buffer.readableBytes)],
            body: .init(byteBuffer: buffer))
    }
}

/// The error page's view model.
struct ErrorPage {
    let chrome: Chrome
    let status: Int
    let reason: String
    let message: String
}
