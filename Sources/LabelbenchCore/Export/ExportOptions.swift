/// How a dataset version is built from a task.
public struct ExportOptions: Sendable {
    public enum Method: String, Sendable, CaseIterable {
        case majority
        case dawidSkene = "dawid-skene"
    }

    /// The file written beside `labels.jsonl`, the manifests and `quality.json`, which are always there.
    public enum Format: String, Sendable, CaseIterable {
        /// Nothing more.
        case jsonl
        /// `labels.csv`, for spreadsheets.
        case csv
        /// `spans.jsonl`: `{"id", "text", "spans"}` rows as spaCy and Prodigy read them (span tasks).
        case spacy
        /// `labels.conll`: one `TOKEN TAG` line per token, IOB2 tags (span tasks).
        case conll
        /// `annotations.coco.json`: COCO images, categories and boxes (box tasks).
        case coco
        /// `classes.txt` and a `labels/STEM.txt` of normalised boxes beside each image (box tasks).
        case yolo

        /// True for the formats that hold entity spans, which only a span task has.
        public var writesSpans: Bool { self == .spacy || self == .conll }
        /// True for the formats that hold object boxes, which only a box task has.
        public var writesBoxes: Bool { self == .coco || self == .yolo }
    }

    /// Collection name; the task's name by default.
    public var name: String?
    public var aliases: [String]
    /// How the label of each row is chosen; nil: the task's own `consensus` setting.
    public var method: Method?
    public var format: Format
    /// Add items with no annotation as rows with `label: null`.
    public var includeUnlabeled: Bool
    /// Replace annotator names with keyed pseudonyms (stable per install).
    public var pseudonymize: Bool
    /// Export into a collection that another task fills (recorded in the version's lineage); with `reason`,
    /// also point a protected alias at the version when it fails its quality gates.
    public var force: Bool
    /// Why a forced protected alias may point at a version that failed its gates (kept in its lineage).
    public var reason: String?
    /// Which items the version holds; empty: every row.
    public var slice: ExportSlice
    /// Split files written beside `labels.jsonl`, or none.
    public var split: DatasetSplit?

    public init(
        name: String? = nil, aliases: [String] = [], method: Method? = nil, format: Format = .jsonl,
        includeUnlabeled: Bool = false, pseudonymize: Bool = false, force: Bool = false, reason: String? = nil,
        slice: ExportSlice = ExportSlice(), split: DatasetSplit? = nil
    ) {
        self.name = name
        self.aliases = aliases
        self.method = method
        self.format = format
        self.includeUnlabeled = includeUnlabeled
        self.pseudonymize = pseudonymize
        self.force = force
        self.reason = reason
        self.slice = slice
        self.split = split
    }

    /// Refuses a slice or a format the task cannot fill, naming the field. spaCy and CoNLL files hold entity spans, and a
    /// CoNLL tag is one whitespace-free field, so a class name holding a space cannot be written there.
    public func check(for task: LabelingTask) throws {
        try slice.check(for: task)
        if format.writesBoxes { return try checkBoxes(for: task) }
        guard format.writesSpans else { return }
        guard task.answer == .spans else {
            throw DomainError.invalid(
                "format: \(format.rawValue) writes entity spans, and task \(task.name) answers \(task.answer.rawValue); "
                    + "use jsonl or csv")
        }
        if format == .conll,
            let label = task.labelNames.first(where: { $0.unicodeScalars.contains(where: CoNLLBlock.isWhitespace) })
        {
            throw DomainError.invalid(
                "format: conll writes each token as one TOKEN TAG line, so an entity class may not hold whitespace; "
                    + "\"\(label)\" does (use spacy)")
        }
    }
}

extension ExportOptions {
    /// The consensus method the rows use: the one asked for, else the task's setting.
    public func method(for task: LabelingTask) -> Method {
        method ?? (task.consensus == .dawidSkene ? .dawidSkene : .majority)
    }
}
