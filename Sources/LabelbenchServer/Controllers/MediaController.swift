import Foundation
import HTTPTypes
import Hummingbird
import LabelbenchCore

/// Serves item images to users allowed to see a task that shows them.
struct MediaController {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("media/:file", use: image)
    }

    /// The URL path of an image: `/media/<sha256>.<ext>`.
    static func path(for image: StoredImage) -> String {
        let ext = image.mimeType.split(separator: "/").last.map { $0 == "jpeg" ? "jpg" : String($0) } ?? "bin"
        return "/media/\(image.sha256).\(ext)"
    }

    @Sendable func image(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let file = try context.parameters.require("file")
        let digest = String(file.prefix { $0 != "." })
        guard digest.count == 64, digest.allSatisfy({ $0.isHexDigit && !$0.isUppercase }),
            let mimeType = try await services.database.imageIsVisible(digest, to: user),
            services.blobs.contains(digest)
        else { throw DomainError.notFound("no such image") }
        // Content never changes for a digest, so the digest is the ETag and caches may keep it.
        let etag = "\"\(digest)\""
        var headers: HTTPFields = [
            .eTag: etag,
            .cacheControl: "private, max-age=31536000, immutable",
            .contentSecurityPolicy: "default-src 'none'; sandbox",
        ]
        if let match = request.headers[.ifNoneMatch],
            match.split(separator: ",").contains(where: {
                let tag = $0.trimmingCharacters(in: .whitespaces)
                return tag == etag || tag == "W/" + etag || tag == "*"
            })
        {
            return Response(status: .notModified, headers: headers)
        }
        let (url, logger) = (try services.blobs.url(for: digest), context.logger)
        let image = try await offload { try StreamedFile(blobAt: url, sha256: digest, logger: logger) }
        headers[.contentType] = mimeType
        return Response(status: .ok, headers: headers, body: image.body)
    }
}
