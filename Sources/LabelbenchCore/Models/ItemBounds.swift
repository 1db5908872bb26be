import Agreement
import GRDB

/// What a list-valued answer must stay within on its item: the text spans mark ranges of, and the
/// image boxes are drawn on.
public struct ItemBounds: Sendable, Equatable {
    public var text: String?
    public var image: ImageSize?

    public init(text: String?, image: ImageSize?) {
        self.text = text
        self.image = image
    }

    /// The item columns `init(row:)` reads.
    static let columns = "text, image_width, image_height"

    /// Reads `columns` from an item row.
    init(row: Row) {
        text = row["text"]
        let width: Int? = row["image_width"]
        let height: Int? = row["image_height"]
        image = width.flatMap { width in height.map { ImageSize(width: Double(width), height: Double($0)) } }
    }

    /// The bounds of an item about to be stored.
    init(text: String?, image: StoredImage?) {
        self.text = text
        self.image = image.map { ImageSize(width: Double($0.width), height: Double($0.height)) }
    }
}

extension Answer {
    /// The answer as it is stored for an item within `bounds`: a span list must end within the text;
    /// a box list must lie within the image, a box past an edge by at most 0.5 px moved onto it.
    /// Other answers do not depend on the item.
    public func fitted(to bounds: ItemBounds) throws -> Answer {
        switch self {
        case .one, .many:
            return self
        case .spans:
            try checkSpansFit(bounds.text)
            return self
        case .boxes(let boxes):
            return .boxes(try Self.fitBoxes(boxes, on: bounds.image))
        }
    }
}
