import Foundation

/// One line of an `import-annotations` file, checked against the task.
public struct ImportedAnnotation: Sendable {
    public var origin: String
    public var item: String
    public var annotator: String
    public var answer: Answer
    public var seconds: Double?
    public var guidelineVersion: Int?
}

/// Reads annotation JSONL as it arrives, a piece at a time, so a request body is never held
/// whole: each line is bounded by `maxLineBytes` and parsed as soon as it ends.
public struct AnnotationLineReader: Sendable {
    /// The same bound as item lines.
    public static let maxLineBytes = ItemFileParser.maxLineBytes

    private let fileName: String
    private let task: LabelingTask
    private var partial: [UInt8] = []
    private var number = 0
    public private(set) var lines: [ImportedAnnotation] = []

    public init(fileName: String, task: LabelingTask) {
        self.fileName = fileName
        self.task = task
    }

    /// Takes the next bytes of the file, parsing every line they complete.
    public mutating func append(_ bytes: some Collection<UInt8>) throws {
        var rest = bytes[...]
        while let end = rest.firstIndex(of: 0x0A) {
            try appendPartial(rest[..<end])
            try endLine()
            rest = rest[rest.index(after: end)...]
        }
        try appendPartial(rest)
    }

    /// Parses the last line and returns every annotation read.
    public mutating func finish() throws -> [ImportedAnnotation] {
        if !partial.isEmpty { try endLine() }
        if lines.isEmpty { throw DomainError.invalid("\(fileName): no annotations found") }
        return lines
    }

    private mutating func appendPartial(_ bytes: some Collection<UInt8>) throws {
        if partial.count + bytes.count > Self.maxLineBytes {
            throw DomainError.invalid("\(fileName) line \(number + 1): longer than \(Self.maxLineBytes) bytes")
        }
        partial.append(contentsOf: bytes)
    }

    private mutating func endLine() throws {
        number += 1
        defer { partial.removeAll(keepingCapacity: true) }
        if partial.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return }
        let origin = "\(fileName) line \(number)"
        do {
            let line = try StrictJSON.decode(AnnotationLine.self, from: Data(partial), what: "the line")
            guard !line.annotator.isEmpty else { throw DomainError.invalid("annotator: missing") }
            if let seconds = line.seconds, !(seconds.isFinite && seconds >= 0) {
                throw DomainError.invalid("seconds: must be ≥ 0")
            }
            if let version = line.guidelineVersion, !(1...task.guidelineVersion).contains(version) {
                throw DomainError.invalid("guideline_version: \(task.name) has guideline versions 1 to \(task.guidelineVersion)")
            }
            try StoredText.check(line.annotator, field: "annotator")
            lines.append(
                ImportedAnnotation(
                    origin: origin, item: line.item, annotator: line.annotator, answer: try Answer.parse(line.label, for: task),
                    seconds: line.seconds, guidelineVersion: line.guidelineVersion))
        } catch let error as DomainError {
            throw DomainError.invalid("\(origin): \(error.description)")
        }
    }
}

/// The fields of an annotation line; others (`created_at`, as `GET …/annotations` writes) are ignored.
private struct AnnotationLine: Decodable {
    let item: String
    let annotator: String
    let label: LabelInput?
    let seconds: Double?
    let guidelineVersion: Int?

    enum CodingKeys: String, CodingKey {
        case item, annotator, label, seconds
        case guidelineVersion = "guideline_version"
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let number = try? c.decode(Double.self, forKey: .item) {
            guard number == number.rounded(), number.magnitude <= StrictJSON.maxWholeNumber else {
                throw DomainError.invalid("item: a string, or a whole number up to 2^53")
            }
            item = String(Int64(number))
        } else {
            item = try c.decode(String.self, forKey: .item)
        }
        annotator = try c.decode(String.self, forKey: .annotator)
        label = try c.decodeIfPresent(LabelInput.self, forKey: .label)
        seconds = try c.decodeIfPresent(Double.self, forKey: .seconds)
        guidelineVersion = try c.decodeWholeNumberIfPresent(forKey: .guidelineVersion)
    }
}
