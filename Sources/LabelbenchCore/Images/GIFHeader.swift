/// Reads a GIF's logical screen size and walks its blocks to the trailer (0x3B), so a cut-off file is refused.
enum GIFHeader {
    static func dimensions(_ bytes: ImageByteReader) throws(ImageHeaderError) -> (Int, Int) {
        let width = try bytes.le16(6)
        let height = try bytes.le16(8)
        let screenFlags = try bytes.u8(10)
        var offset = 13 + colorTableSize(screenFlags)
        var images = 0
        while true {
            switch try bytes.u8(offset) {
            case 0x3B:
                guard images > 0 else { throw .malformed("no image before the trailer") }
                return (width, height)
            case 0x21:  // extension: introducer, label, sub-blocks
                offset = try skipSubBlocks(bytes, from: offset + 2)
            case 0x2C:  // image descriptor (10 bytes), optional local colour table, LZW code size, sub-blocks
                let imageFlags = try bytes.u8(offset + 9)
                offset += 10 + colorTableSize(imageFlags)
                _ = try bytes.u8(offset)
                offset = try skipSubBlocks(bytes, from: offset + 1)
                images += 1
            case let other:
                throw .malformed("unexpected block type 0x\(String(other, radix: 16)) at byte \(offset)")
            }
        }
    }

    /// Bytes of the colour table announced by a flags byte (bit 7 set: 3 × 2^(n+1) bytes).
    private static func colorTableSize(_ flags: Int) -> Int {
        flags & 0x80 == 0 ? 0 : 3 << ((flags & 0x07) + 1)
    }

    /// The offset after a chain of size-prefixed sub-blocks ending with a zero-size block.
    private static func skipSubBlocks(_ bytes: ImageByteReader, from start: Int) throws(ImageHeaderError) -> Int {
        var offset = start
        while true {
            let size = try bytes.u8(offset)
            offset += 1 + size
            if size == 0 { return offset }
        }
    }
}
