import Agreement
import Foundation

/// One record of another tool's file (a Label Studio task, an MTurk assignment row, a Ground
/// Truth manifest line) mapped to our item and the human annotations it carries.
///
/// Readers build these one at a time inside the import's transaction; nothing outlives it, so
/// the parsed JSON values it holds need not be `Sendable`.
struct InterchangeRecord {
    enum Content {
        /// A text item, created when the task does not hold it yet.
        case text(String)
        /// An image the task must already show, found by its file name.
        case imageFile(String)
    }

    /// How errors name the record: "export.json index 2 (id 17)", "batch.csv line 4".
    var origin: String
    /// The item id the record gives; an image without one is found by its file name.
    var itemID: String?
    var content: Content
    /// Other fields of the record's data, as a JSON object with sorted keys (new text items only).
    var meta: String?
    var annotations: [InterchangeAnnotation]
}

/// One annotator's answer in a record, still in the other tool's terms where they depend on the item.
struct InterchangeAnnotation {
    var annotator: String
    var label: InterchangeLabel
    var seconds: Double?
}

/// An answer as the other tool wrote it.
enum InterchangeLabel {
    /// Already in our JSON shape (a label name, a list of names, a span list); `Answer.parse` reads it.
    case value(Any)
    /// Boxes whose coordinates are relative to an image of the given size (Label Studio: 100 × 100,
    /// percent), scaled to the stored image when the item is known.
    case boxes([InterchangeBox], relativeTo: ImageSize)
}

/// A box as the other tool drew it, top-left origin.
struct InterchangeBox {
    var x: Double
    var y: Double
    var w: Double
    var h: Double
    var label: String
}

/// What an import left out on purpose, by reason.
public struct InterchangeSkips: Codable, Sendable, Equatable {
    /// Label Studio annotations marked `was_cancelled` (the annotator skipped the task).
    public var cancelled = 0
    /// MTurk assignments whose `AssignmentStatus` is `Rejected` or whose `Reject` column is filled.
    public var rejected = 0
    /// Ground Truth lines labeled by its model (`"human-annotated": "no"`): predictions are not supported yet.
    public var machineLabeled = 0
    /// Ground Truth lines with a `failure-reason` and no label.
    public var failed = 0

    public init() {}

    enum CodingKeys: String, CodingKey {
        case cancelled, rejected, failed
        case machineLabeled = "machine_labeled"
    }
}

/// A reader of one format: records in file order, then nil; what it skipped is counted as it goes.
protocol InterchangeReader {
    mutating func next() throws -> InterchangeRecord?
    var skipped: InterchangeSkips { get }
}
