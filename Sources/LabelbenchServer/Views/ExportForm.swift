import Foundation
import LabelbenchCore

/// The task's Export form as the browser sends it. Checked by the API's export body rules
/// (`ExportBody`), so the form and `POST /api/v1/tasks/TASK/exports` refuse the same input alike.
struct ExportForm: Decodable {
    var csrf: String?
    var name: String?
    /// Comma- or space-separated.
    var aliases: String?
    var method: String?
    var format: String?
    var includeUnlabeled: String?
    var pseudonymize: String?
    var force: String?

    enum CodingKeys: String, CodingKey {
        case csrf, name, aliases, method, format, pseudonymize, force
        case includeUnlabeled = "include_unlabeled"
    }

    init() {}

    /// The options the export runs with; a refused field is a `DomainError.invalid` naming it.
    func options() throws -> ExportOptions {
        var body: [String: Any] = [
            "method": method ?? "majority", "format": format ?? "jsonl", "include_unlabeled": includeUnlabeled != nil,
            "pseudonymize": pseudonymize != nil, "force": force != nil,
        ]
        if let name = name?.trimmingCharacters(in: .whitespaces), !name.isEmpty { body["name"] = name }
        let aliasList = (aliases ?? "").split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
        if !aliasList.isEmpty { body["aliases"] = aliasList }
        let json = try JSONSerialization.data(withJSONObject: body)
        return try JSONDecoder().decode(ExportBody.self, from: json).options
    }
}
