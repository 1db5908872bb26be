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

    static func raw(
        _ data: Data, status: HTTPResponse.Status = .ok, contentType: String = "application/json; charset=utf-8"
    ) -> Response {
        var buffer = ByteBuffer()
        buffer.writeBytes(data)
        return Response(
            status: status, headers: [.contentType: contentType, .contentLength: String(buffer.readableBytes)],
            body: .init(byteBuffer: buffer))
    }

    static func text(
        _ text: String, status: HTTPResponse.Status = .ok, contentType: String = "application/json; charset=utf-8"
    ) -> Response {
        raw(Data(text.utf8), status: status, contentType: contentType)
    }

    /// Reads a JSON body into `T`, bounded in size, refusing duplicate keys, with messages that
    /// name the field.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, limit: Int) async throws -> T {
        let buffer = try await request.body.collect(upTo: limit)
        return try StrictJSON.decode(T.self, from: Data(buffer: buffer))
    }
}
