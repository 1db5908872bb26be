import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore

/// Requests handed straight to the application's router (Hummingbird's router test client): the same
/// middleware and handlers as a live server, without a socket, a port or an HTTP parser in between.
struct RouterTransport: TestTransport {
    let client: any TestClientProtocol

    func send(_ request: TestRequest) async throws -> HTTPResult {
        var fields = HTTPFields()
        for (name, value) in request.headers {
            guard let fieldName = HTTPField.Name(name) else { throw TestFailure("bad header name \(name)") }
            fields[fieldName] = value
        }
        let response = try await client.execute(
            uri: request.path, method: HTTPRequest.Method(request.method)!, headers: fields,
            body: request.body.map { ByteBuffer(bytes: $0) })
        // Repeated fields joined with ", ", as URLSession reports them, so both transports read alike.
        var headers: [String: String] = [:]
        for field in response.headers {
            let name = field.name.canonicalName
            headers[name] = headers[name].map { $0 + ", " + field.value } ?? field.value
        }
        return HTTPResult(status: Int(response.status.code), headers: headers, body: Data(response.body.readableBytesView))
    }
}

extension TestClient {
    /// A client of the router behind `app.test(.router)`.
    public convenience init(router: any TestClientProtocol) { self.init(transport: RouterTransport(client: router)) }
}
