import Foundation
import Hummingbird
import Mustache

/// Renders Mustache templates from `Templates/`, loaded once at boot.
public struct PageRenderer: Sendable {
    let library: MustacheLibrary

    /// Loads every template; a template that fails to parse fails startup.
    public init(templatesPath: String) async throws {
        guard FileManager.default.fileExists(atPath: templatesPath + "/layout.mustache") else {
            throw RendererError.missingTemplates(templatesPath)
        }
        library = try await MustacheLibrary(directory: templatesPath)
    }

    /// Renders a page; a missing template is an error, never an empty page.
    func render(_ model: Any, template: String, status: HTTPResponse.Status = .ok) throws -> Response {
        guard let html = library.render(model, withTemplate: template) else {
            throw RendererError.missingTemplate(template)
        }
        var buffer = ByteBuffer()
        buffer.writeString(html)
        return Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .contentLength: String(buffer.readableBytes)],
            body: .init(byteBuffer: buffer))
    }

    /// Whether a template of this name was loaded (tests check every page has one).
    public func has(_ template: String) -> Bool { library.getTemplate(named: template) != nil }

    enum RendererError: Error, CustomStringConvertible {
        case missingTemplates(String)
        case missingTemplate(String)

        var description: String {
            switch self {
            case .missingTemplates(let path): "no templates at \(path) (run from the repository root or set LABELBENCH_RESOURCES)"
            case .missingTemplate(let name): "template \(name).mustache is missing"
            }
        }
    }
}
