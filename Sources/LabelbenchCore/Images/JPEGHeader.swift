/// Reads a JPEG's size from its start-of-frame segment and follows the file to its EOI marker.
///
/// Segments are walked by their lengths and entropy-coded scan data is skipped byte by byte, so a file
/// cut short anywhere is refused, while data appended after EOI (as some phones do) is tolerated.
enum JPEGHeader {
    /// SOF0…SOF15, leaving out DHT (C4), JPG (C8) and DAC (CC), which share the range.
    private static let frameMarkers: Set<Int> = Set(0xC0...0xCF).subtracting([0xC4, 0xC8, 0xCC])

    static func dimensions(_ bytes: ImageByteReader) throws(ImageHeaderError) -> (Int, Int) {
        var offset = 2  // after SOI (FF D8)
        var size: (width: Int, height: Int)?
        while true {
            guard try bytes.u8(offset) == 0xFF else {
                throw .malformed("expected a marker at byte \(offset)")
            }
            // Any number of 0xFF fill bytes may precede a marker code.
            var marker = 0xFF
            while marker == 0xFF {
                offset += 1
                marker = try bytes.u8(offset)
            }
            offset += 1
            switch marker {
            case 0xD9:
                guard let size else { throw .malformed("no frame header before the end-of-image marker") }
                return (size.width, size.height)
            case 0xD8:
                throw .malformed("a second start-of-image marker at byte \(offset - 2)")
            case 0x01, 0xD0...0xD7:
                continue  // standalone markers carry no length
            default:
                let length = try bytes.be16(offset)
                guard length >= 2 else { throw .malformed("segment at byte \(offset) has length \(length)") }
                let end = offset + length
                guard end <= bytes.count else { throw .truncated }
                if frameMarkers.contains(marker), size == nil {
                    guard length >= 8 else { throw .malformed("frame header is too short") }
                    size = (width: try bytes.be16(offset + 5), height: try bytes.be16(offset + 3))
                }
                offset = end
                if marker == 0xDA {
                    guard size != nil else { throw .malformed("scan data before the frame header") }
                    offset = try endOfEntropyData(bytes, from: offset)
                }
            }
        }
    }

    /// The offset of the marker that ends the scan data starting at `start`.
    private static func endOfEntropyData(_ bytes: ImageByteReader, from start: Int) throws(ImageHeaderError) -> Int {
        let raw = bytes.raw
        var offset = start
        while let index = raw[offset...].firstIndex(of: 0xFF) {
            guard index + 1 < raw.count else { throw .truncated }
            let next = raw[index + 1]
            switch next {
            case 0x00, 0xD0...0xD7: offset = index + 2  // stuffed byte or restart marker: still scan data
            case 0xFF: offset = index + 1  // fill byte before a marker
            default: return index
            }
        }
        throw .truncated
    }
}
