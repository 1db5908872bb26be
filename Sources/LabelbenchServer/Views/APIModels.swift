import Foundation
import LabelbenchCore

/// A task in the list: `GET /api/v1/tasks`.
struct TaskJSON: Encodable {
    let name: String
    let title: String
    let kind: String
    let answer: String
    let items: Int
    let annotations: Int
    let guidelineVersion: Int

    init(_ summary: TaskSummary) {
        name = summary.task.name
        title = summary.task.title
        kind = summary.task.kind.rawValue
        answer = summary.task.answer.rawValue
        items = summary.items
        annotations = summary.annotations
        guidelineVersion = summary.task.guidelineVersion
    }

    enum CodingKeys: String, CodingKey {
        case name, title, kind, answer, items, annotations
        case guidelineVersion = "guideline_version"
    }
}

/// One task in full: its definition plus the guideline version in force.
struct TaskDetailJSON: Encodable {
    let task: LabelingTask
    let definition: TaskDefinition

    enum CodingKeys: String, CodingKey { case guidelineVersion = "guideline_version" }

    func encode(to encoder: any Encoder) throws {
        try definition.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(task.guidelineVersion, forKey: .guidelineVersion)
    }
}

/// The body of `GET …/next`: the item (never its gold answer), the lease and its expiry.
enum LeaseJSON {
    static func render(_ lease: Lease, task: LabelingTask) -> String {
        var item = "\"id\":\(JSONText.string(lease.item.externalID))"
        if let text = lease.item.text { item += ",\"text\":\(JSONText.string(text))" }
        if let image = lease.item.image {
            item += ",\"image_url\":\(JSONText.string(MediaController.path(for: image)))"
            item += ",\"width\":\(image.width),\"height\":\(image.height)"
        }
        if let meta = lease.item.meta { item += ",\"meta\":\(meta)" }
        return "{\"item\":{\(item)},\"lease\":\(JSONText.string(lease.token)),"
            + "\"expires_at\":\(JSONText.string(ISO8601.string(lease.expiresAt))),\"guideline_version\":\(lease.guidelineVersion)}"
    }
}

/// Reads `POST …/annotations` bodies.
enum AnnotationJSON {
    static let allowedKeys: Set<String> = ["item", "lease", "label", "request_id", "seconds"]

    static func submission(from body: [String: Any], task: LabelingTask) throws -> AnnotationSubmission {
        if let unknown = body.keys.filter({ !allowedKeys.contains($0) }).sorted().first {
            throw DomainError.invalid("\(unknown): unknown field (expected item, lease, label, request_id, seconds)")
        }
        guard let item = body["item"] as? String, !item.isEmpty else { throw DomainError.invalid("item: give the item id as a string") }
        guard body["label"] != nil else { throw DomainError.invalid("label: missing") }
        let answer = try Answer.parse(body["label"], for: task)
        let lease = try optionalString(body, "lease")
        let requestID = try optionalString(body, "request_id")
        if let requestID, requestID.isEmpty || requestID.utf8.count > 200 {
            throw DomainError.invalid("request_id: use 1 to 200 characters")
        }
        var seconds: Double?
        if let value = body["seconds"], !(value is NSNull) {
            guard let number = value as? NSNumber, number.doubleValue.isFinite, number.doubleValue >= 0, number.doubleValue <= 86_400 else {
                throw DomainError.invalid("seconds: give the time spent as a number from 0 to 86400")
            }
            seconds = number.doubleValue
        }
        return AnnotationSubmission(itemID: item, answer: answer, leaseToken: lease, requestID: requestID, seconds: seconds)
    }

    private static func optionalString(_ body: [String: Any], _ key: String) throws -> String? {
        guard let value = body[key], !(value is NSNull) else { return nil }
        guard let string = value as? String else { throw DomainError.invalid("\(key): expected a string") }
        return string
    }
}
