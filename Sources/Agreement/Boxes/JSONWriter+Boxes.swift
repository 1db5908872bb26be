extension JSONWriter {
    /// A box object, keys in sorted order; `confidence` only on consensus boxes.
    mutating func box(_ box: Box) {
        bytes.append(0x7B)
        if let confidence = box.confidence {
            raw("\"confidence\":")
            number(confidence)
            bytes.append(0x2C)
        }
        raw("\"h\":")
        number(box.h)
        raw(",\"label\":")
        string(box.label)
        raw(",\"w\":")
        number(box.w)
        raw(",\"x\":")
        number(box.x)
        raw(",\"y\":")
        number(box.y)
        bytes.append(0x7D)
    }
}
