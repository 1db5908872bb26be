/// Reads a PNG's size from its IHDR chunk and walks the chunk chain to its IEND, so a cut-off file is refused.
enum PNGHeader {
    static func dimensions(_ bytes: ImageByteReader) throws(ImageHeaderError) -> (Int, Int) {
        // IHDR must be the first chunk, 13 bytes long, at offset 8 (right after the signature).
        guard try bytes.be32(8) == 13, bytes.matches(Array("IHDR".utf8), at: 12) else {
            throw .malformed("the first chunk is not a 13-byte IHDR")
        }
        let width = try bytes.be32(16)
        let height = try bytes.be32(20)
        let bitDepth = try bytes.u8(24)
        let colorType = try bytes.u8(25)
        let allowedDepths: [Int: Set<Int>] = [
            0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16],
        ]
        guard allowedDepths[colorType]?.contains(bitDepth) == true else {
            throw .malformed("colour type \(colorType) with bit depth \(bitDepth) is not valid")
        }
        guard try ImageCRC32.checksum(bytes.slice(12..<29)) == UInt32(bytes.be32(29)) else {
            throw .malformed("IHDR checksum does not match")
        }
        // Walk the chunks: each is length, type, data, CRC. The walk ends at IEND or runs out of bytes.
        var offset = 8
        var sawImageData = false
        while true {
            let length = try bytes.be32(offset)
            guard length <= 0x7FFF_FFFF else { throw .malformed("chunk at byte \(offset) has an invalid length") }
            let end = offset + 12 + length
            guard end <= bytes.count else { throw .truncated }
            if bytes.matches(Array("IDAT".utf8), at: offset + 4) { sawImageData = true }
            if bytes.matches(Array("IEND".utf8), at: offset + 4) {
                guard sawImageData else { throw .malformed("no IDAT image data before IEND") }
                return (width, height)
            }
            offset = end
        }
    }
}
