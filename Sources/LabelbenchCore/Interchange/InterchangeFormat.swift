import Foundation

/// The other tools whose exports `import-from` reads.
public enum InterchangeFormat: String, CaseIterable, Sendable {
    /// Label Studio's JSON export: an array of tasks, each with its annotations.
    case labelStudio = "label-studio"
    /// Amazon Mechanical Turk's batch results CSV: one row per assignment.
    case mturk
    /// SageMaker Ground Truth's output manifest: one JSON line per object.
    case sagemaker

    /// The format named on the command line or in the API, or a refusal listing the names.
    public init(named name: String) throws {
        guard let format = InterchangeFormat(rawValue: name) else {
            throw DomainError.invalid(
                "format: \"\(name)\" is not one of \(Self.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self = format
    }

    /// A reader over the whole file for `task`.
    func reader(_ data: Data, fileName: String, task: LabelingTask) throws -> any InterchangeReader {
        switch self {
        case .labelStudio: try LabelStudioReader(data, fileName: fileName, task: task)
        case .mturk: try MTurkReader(data, fileName: fileName, task: task)
        case .sagemaker: SageMakerReader(data, fileName: fileName, task: task)
        }
    }
}

/// What `import-from` took and what it left out.
public struct InterchangeImportReport: Codable, Sendable, Equatable {
    /// Records read from the file (tasks, assignment rows, manifest lines), skipped rows and lines included.
    public var records: Int
    /// Text items the import created.
    public var itemsCreated: Int
    /// Items the task already held (the same text, or an image found by its file name).
    public var itemsExisting: Int
    public var annotationsImported: Int
    /// Annotations equal to ones already stored (a file imported twice).
    public var annotationsUnchanged: Int
    public var newAnnotators: [String]
    public var skipped: InterchangeSkips

    enum CodingKeys: String, CodingKey {
        case records, skipped
        case itemsCreated = "items_created"
        case itemsExisting = "items_existing"
        case annotationsImported = "annotations_imported"
        case annotationsUnchanged = "annotations_unchanged"
        case newAnnotators = "new_annotators"
    }
}
