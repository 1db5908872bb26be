import LabelbenchCore

/// The API's answer to a submitted annotation: its JSONL line, and for a gold item `feedback`:
/// `{"correct": true}`, or `{"correct": false, "expected": …, "reason": …}` (reason null when the
/// import gave none). Items that are not gold carry no `feedback` key.
enum GoldFeedbackJSON {
    static func line(_ annotation: AnnotationView) -> String {
        guard let feedback = annotation.feedback else { return annotation.jsonLine }
        let body =
            feedback.correct
            ? "{\"correct\":true}"
            : "{\"correct\":false,\"expected\":\(feedback.expected.json),\"reason\":\(feedback.reason.map(JSONText.string) ?? "null")}"
        return String(annotation.jsonLine.dropLast()) + ",\"feedback\":\(body)}"
    }
}
