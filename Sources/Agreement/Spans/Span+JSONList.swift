import Foundation

extension Span {
    /// Reads a span list as JSONSerialization gives it (the API body, an import line), with the
    /// same checks and messages as an annotation file's `label`; the message names the span.
    public static func list(fromJSON list: [Any]) throws(SpanListError) -> [Span] {
        do {
            return try AnnotationFile.spanField(list, line: 0)
        } catch let error as AnnotationFileError {
            throw SpanListError(message: error.message)
        } catch {
            throw SpanListError(message: "\(error)")
        }
    }
}
