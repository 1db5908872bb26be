import Foundation

extension Box {
    /// Reads a box list as JSONSerialization gives it (an API body, an import line); the message
    /// names the box by its position in the list as sent.
    public static func list(fromJSON list: [Any]) throws(BoxListError) -> [Box] {
        var boxes: [Box] = []
        boxes.reserveCapacity(list.count)
        for (index, element) in list.enumerated() {
            let position = "box \(index + 1)"
            guard let object = element as? [String: Any] else {
                throw BoxListError(message: "\(position) is not an object {\"x\", \"y\", \"w\", \"h\", \"label\"}")
            }
            func coordinate(_ key: String) throws(BoxListError) -> Double {
                guard let value = object[key] else { throw BoxListError(message: "\(position) has no \"\(key)\"") }
                guard let number = value as? NSNumber, String(cString: number.objCType) != "c" else {
                    throw BoxListError(message: "\(position): \"\(key)\" must be a number of pixels")
                }
                return number.doubleValue
            }
            let (x, y, w, h) = (try coordinate("x"), try coordinate("y"), try coordinate("w"), try coordinate("h"))
            guard let label = object["label"] as? String else {
                throw BoxListError(message: "\(position): \"label\" must be a string")
            }
            boxes.append(Box(x: x, y: y, w: w, h: h, label: label))
        }
        return boxes
    }
}
