import ArtifactStore
import Foundation
import HTTPTypes
import Hummingbird
import LabelbenchCore

/// The artifact store over HTTP: collections, versions, manifests, files and aliases.
/// Practitioner and admin tokens only.
struct ArtifactsAPIController {
    let services: AppServices

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("artifacts", use: collections)
        group.get("artifacts/:name/versions", use: versions)
        group.get("artifacts/:name/:ref", use: version)
        group.get("artifacts/:name/:ref/manifest", use: manifest)
        group.get("artifacts/:name/:ref/files/**", use: file)
        group.put("artifacts/:name/aliases/:alias", use: setAlias)
    }

    func reference(_ context: AppRequestContext) throws -> ArtifactReference {
        _ = try context.requireManager()
        let name = try context.parameters.require("name")
        let ref = try context.parameters.require("ref")
        return try Self.mapped { try ArtifactReference(parsing: "\(name):\(ref)") }
    }

    @Sendable func collections(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireManager()
        let repository = services.artifacts
        return try JSONResponse.encode(["collections": try await offload { try Self.mapped { try repository.collections() } }])
    }

    @Sendable func versions(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireManager()
        let name = try context.parameters.require("name")
        let repository = services.artifacts
        return try JSONResponse.encode(["versions": try await offload { try Self.mapped { try repository.versions(of: name) } }])
    }

    /// The version as it stands now: its manifest's fields with the aliases pointing at it and its lineage as
    /// stored (forced alias moves included), which `manifest.json` fixed at commit time cannot hold.
    @Sendable func version(_ request: Request, context: AppRequestContext) async throws -> Response {
        let reference = try reference(context)
        let repository = services.artifacts
        return JSONResponse.raw(
            try await offload { try Self.mapped { try repository.resolve(reference).currentManifest.encoded() } })
    }

    @Sendable func manifest(_ request: Request, context: AppRequestContext) async throws -> Response {
        let reference = try reference(context)
        let repository = services.artifacts
        return JSONResponse.raw(try await offload { try Self.mapped { try repository.manifestData(reference) } })
    }

    @Sendable func file(_ request: Request, context: AppRequestContext) async throws -> Response {
        let reference = try reference(context)
        let path = context.parameters.getCatchAll().joined(separator: "/")
        let repository = services.artifacts
        let (blob, url) = try await offload { try Self.mapped { try repository.file(reference, path: path) } }
        let etag = "\"\(blob.sha256)\""
        var headers: HTTPFields = [.eTag: etag, .cacheControl: "private, max-age=31536000, immutable"]
        if request.headers[.ifNoneMatch] == etag { return Response(status: .notModified, headers: headers) }
        headers[.contentType] = "application/octet-stream"
        headers[HTTPField.Name("Digest")!] = "sha-256=" + (Data(hexSHA: blob.sha256)?.base64EncodedString() ?? "")
        // Content-Length comes from the file as it is on disk, and the bytes are re-hashed as they go: a damaged
        // blob ends in a cut response that `artifacts get` reports by file name.
        let logger = context.logger
        let file = try await offload { try StreamedFile(blobAt: url, sha256: blob.sha256, logger: logger) }
        return Response(status: .ok, headers: headers, body: file.body)
    }

    @Sendable func setAlias(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireManager()
        let name = try context.parameters.require("name")
        let alias = try context.parameters.require("alias")
        let body = try await JSONResponse.decode(AliasBody.self, from: request, limit: 4096)
        let reference = try Self.mapped { try ArtifactReference(parsing: "\(name):\(body.version)") }
        let (database, blobs) = (services.database, services.blobs)
        let moved = try await offload {
            try Self.mapped { try database.moveAlias(alias, to: reference, force: body.force(by: user), blobs: blobs) }
        }
        if let override = moved.override {
            context.logger.protectedAliasForced(override, onto: moved.version)
        } else {
            context.logger.info(
                "alias moved", metadata: ["alias": "\(alias)", "version": "\(moved.version.reference)", "user": "\(user.name)"])
        }
        return JSONResponse.raw(
            Data(
                JSONValue.object([
                    "reference": .string(moved.version.reference), "alias": .string(alias),
                    "override": moved.override?.json ?? .null,
                ]).canonicalString.utf8))
    }

    /// Artifact-store errors become domain errors with their message.
    static func mapped<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ArtifactStoreError {
            switch error {
            case .collectionNotFound, .versionNotFound, .fileNotFound: throw DomainError.notFound(error.description)
            case .io, .blobMissing, .integrity: throw error
            default: throw DomainError.invalid(error.description)
            }
        }
    }
}

extension Data {
    /// Bytes of a hex digest, for the `Digest` header.
    init?(hexSHA hex: String) {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex) ?? hex.endIndex
            guard let byte = UInt8(hex[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        self.init(bytes)
    }
}
