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
