import Foundation

/// An answer as the form or the API sends it.
public struct AnnotationSubmission: Sendable {
    public var itemID: String
    public var answer: Answer
    /// The lease token the item was handed out with, when the client has one.
    public var leaseToken: String?
    /// Makes a retried API call return the first result instead of recording twice.
    public var requestID: String?
    /// Time spent as measured by the client; otherwise the time since the lease began.
    public var seconds: Double?

    public init(itemID: String, answer: Answer, leaseToken: String? = nil, requestID: String? = nil, seconds: Double? = nil) {
        self.itemID = itemID
        self.answer = answer
        self.leaseToken = leaseToken
        self.requestID = requestID
        self.seconds = seconds
    }
}

/// A stored annotation as the API returns it.
public struct AnnotationView: Sendable, Hashable {
    public var id: Int64
    public var item: String
    public var annotator: String
    public var answer: Answer
    public var guidelineVersion: Int
    public var seconds: Double?
    public var createdAt: Date
    /// False when this call replayed an annotation that was already stored.
    public var created: Bool
    /// False once its annotator was paused on the task: kept, but not counted (not resumed with `count_earlier`).
    public var trusted = true
    /// For an answer to a gold item: whether it matched, and the expected answer and reason when not.
    public var feedback: GoldFeedback?
    /// Set when this answer paused its annotator (their gold accuracy fell under the task's `min_trust`).
    public var pause: TrustEvent?

    /// The annotation JSONL line: the shape `agreement` and `import-annotations` read, with `trusted`
    /// (which they ignore).
    public var jsonLine: String {
        "{\"item\":\(JSONText.string(item)),\"annotator\":\(JSONText.string(annotator)),\"label\":\(answer.json),"
            + "\"guideline_version\":\(guidelineVersion),\"seconds\":\(JSONText.number(seconds)),"
            + "\"created_at\":\(JSONText.string(ISO8601.string(createdAt))),\"trusted\":\(trusted)}"
    }
}
