import Foundation
import Hummingbird
import LabelbenchCore

/// JSON bodies for the API: Codable values with sorted keys, or prebuilt JSON text.
enum JSONResponse {
    static func encode(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(ISO8601.string(date))
        }
        return raw(try encoder.encode(value), status: status)
    }

    static func raw(_ data: Data, status: HTTPResponse.Status = .ok, contentType: String = "application/json; charset=utf-8") -> Response {
        var buffer = ByteBuffer()
        buffer.writeBytes(data)
        return Response(
            status: status, headers: [.contentType: contentType, .contentLength: String(buffer.readableBytes)],
            body: .init(byteBuffer: buffer))
    }

    static func text(_ text: String, status: HTTPResponse.Status = .ok, contentType: String = "application/json; charset=utf-8") -> Response {
        raw(Data(text.utf8), status: status, contentType: contentType)
    }

    /// Reads a JSON object body, bounded in size, with a message a person can act on.
    static func object(from request: Request, limit: Int) async throws -> [String: Any] {
        let buffer = try await request.body.collect(upTo: limit)
        guard buffer.readableBytes > 0 else { throw DomainError.invalid("the request body is empty; send a JSON object") }
        guard let object = try? JSONSerialization.jsonObject(with: Data(buffer: buffer)) as? [String: Any] else {
            throw DomainError.invalid("the request body is not a JSON object")
        }
        return object
    }
}
