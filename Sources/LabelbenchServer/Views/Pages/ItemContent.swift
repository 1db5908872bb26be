import LabelbenchCore

/// How an item shows on a page (`Templates/item-content.mustache`): its text, or its image at the
/// size the page reserves for it.
struct ItemContent {
    let id: String
    let text: String
    let hasText: Bool
    let imageURL: String
    let hasImage: Bool
    let imageWidth: Int
    let imageHeight: Int

    init(_ item: ItemView) {
        id = item.externalID
        text = item.text ?? ""
        hasText = item.text != nil
        imageURL = item.image.map { MediaController.path(for: $0) } ?? ""
        hasImage = item.image != nil
        imageWidth = item.image?.width ?? 0
        imageHeight = item.image?.height ?? 0
    }
}
