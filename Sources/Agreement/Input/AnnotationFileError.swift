/// Why an annotation JSONL file could not be read; `line` is 1-based.
public struct AnnotationFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var message: String

    /// Creates an error for a line of the file.
    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { line > 0 ? "line \(line): \(message)" : message }
}
