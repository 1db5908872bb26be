import ArtifactStore

/// Which items a dataset version holds (`export --where … --label … --min-confidence … --guideline-version …
/// --state …`): every condition given must hold. The labels themselves are the whole task's (its consensus,
/// rulings and gold), so an item carries the same row in a slice as in the full export.
public struct ExportSlice: Sendable, Equatable {
    /// `meta.KEY=VALUE` conditions, in the order given.
    public var meta: [MetaCondition]
    /// A label the exported label holds (a chosen label, or a span or box of that class).
    public var label: String?
    /// The smallest row `confidence` kept; rows without one (`label: null`) are left out.
    public var minConfidence: Double?
    /// The guideline version the row's label was made under.
    public var guidelineVersion: Int?
    /// The item's state (`ItemState`).
    public var state: ItemState?

    public init(
        meta: [MetaCondition] = [], label: String? = nil, minConfidence: Double? = nil, guidelineVersion: Int? = nil,
        state: ItemState? = nil
    ) {
        self.meta = meta
        self.label = label
        self.minConfidence = minConfidence
        self.guidelineVersion = guidelineVersion
        self.state = state
    }

    /// True when no condition is given: the version holds every row.
    public var isEmpty: Bool { self == ExportSlice() }

    /// What the slice tests of one exported row.
    struct Row {
        /// Read only when the slice has `meta` conditions.
        var meta: () -> ItemMeta
        var label: Answer?
        var confidence: Double?
        /// The ruling's guideline version, when the item has a ruling.
        var rulingVersion: Int?
        /// The guideline versions of the row's counted annotations.
        var annotationVersions: [Int]
        /// Read only when the slice asks for a state.
        var state: () -> ItemState
    }

    /// True when every condition given holds for the row.
    func admits(_ row: Row) -> Bool {
        if let label, row.label?.labels.contains(label) != true { return false }
        if let minConfidence, (row.confidence ?? -1) < minConfidence { return false }
        if let guidelineVersion, !Self.madeUnder(guidelineVersion, row) { return false }
        if let state, row.state() != state { return false }
        if !meta.isEmpty {
            let itemMeta = row.meta()
            return meta.allSatisfy { $0.holds(for: itemMeta) }
        }
        return true
    }

    /// A ruling is made under the version in force when it was given; otherwise the label rests on the
    /// counted annotations, and every one of them must be made under `version`. A row with neither (a gold
    /// item nobody answered, an unlabeled row) was made under no guideline version.
    private static func madeUnder(_ version: Int, _ row: Row) -> Bool {
        if let ruling = row.rulingVersion { return ruling == version }
        return !row.annotationVersions.isEmpty && row.annotationVersions.allSatisfy { $0 == version }
    }

    /// Refuses conditions the task can never meet, naming the field: a label not in its schema, a
    /// confidence outside 0–1, a guideline version below 1.
    func check(for task: LabelingTask) throws {
        if let label, !task.labelNames.contains(label) {
            throw DomainError.invalid(
                "label: \(JSONText.string(label)) is not a label of task \(task.name); use one of "
                    + task.labelNames.map(JSONText.string).joined(separator: ", "))
        }
        if let minConfidence, !(0...1).contains(minConfidence) {
            throw DomainError.invalid("min_confidence: give a number from 0 to 1")
        }
        if let guidelineVersion, guidelineVersion < 1 {
            throw DomainError.invalid("guideline_version: guideline versions count from 1")
        }
    }

    /// The conditions as given, for the version's metadata and lineage; a condition not given is null.
    var json: JSONValue {
        .object([
            "where": .array(meta.map { .string($0.text) }),
            "label": label.map(JSONValue.string) ?? .null,
            "min_confidence": minConfidence.map(JSONValue.double) ?? .null,
            "guideline_version": guidelineVersion.map { .int(Int64($0)) } ?? .null,
            "state": state.map { .string($0.rawValue) } ?? .null,
        ])
    }
}
