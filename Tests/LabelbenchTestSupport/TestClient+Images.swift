import Foundation

extension TestClient {
    /// `POST /api/v1/tasks/TASK/items` with image files as `multipart/form-data`.
    public func importImages(_ task: String, _ files: [(String, Data)], token: String) async throws -> HTTPResult {
        let boundary = "labelbench-\(UUID().uuidString)"
        var body = Data()
        for (name, data) in files {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"files\"; filename=\"\(name)\"\r\n".utf8))
            body.append(Data("Content-Type: application/octet-stream\r\n\r\n".utf8))
            body.append(data)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        return try await postRaw(
            "/api/v1/tasks/\(task)/items", body, contentType: "multipart/form-data; boundary=\(boundary)", token: token)
    }
}
