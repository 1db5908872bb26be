/// Reads a WebP's size from its VP8, VP8L or VP8X chunk, after checking the RIFF container is whole.
enum WebPHeader {
    static func dimensions(_ bytes: ImageByteReader) throws(ImageHeaderError) -> (Int, Int) {
        let riffSize = try bytes.le32(4)
        guard riffSize + 8 <= bytes.count else { throw .truncated }
        guard riffSize + 8 == bytes.count else {
            throw .malformed("the RIFF size (\(riffSize) + 8) does not match the file length \(bytes.count)")
        }
        try checkChunks(bytes)
        let chunkSize = try bytes.le32(16)
        let data = 20
        if bytes.matches(Array("VP8 ".utf8), at: 12) {
            guard chunkSize >= 10, bytes.matches([0x9D, 0x01, 0x2A], at: data + 3) else {
                throw .malformed("VP8 frame header is missing its start code")
            }
            return (try bytes.le16(data + 6) & 0x3FFF, try bytes.le16(data + 8) & 0x3FFF)
        }
        if bytes.matches(Array("VP8L".utf8), at: 12) {
            guard chunkSize >= 5, try bytes.u8(data) == 0x2F else {
                throw .malformed("VP8L header is missing its signature byte")
            }
            let bits = try bytes.le32(data + 1)
            guard bits >> 29 == 0 else { throw .malformed("unknown VP8L version \(bits >> 29)") }
            return ((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
        }
        if bytes.matches(Array("VP8X".utf8), at: 12) {
            guard chunkSize >= 10 else { throw .malformed("VP8X chunk is too short") }
            return (try bytes.le24(data + 4) + 1, try bytes.le24(data + 7) + 1)
        }
        throw .malformed("the first chunk is not VP8, VP8L or VP8X")
    }

    /// Checks that the chunks after the `WEBP` tag tile the file exactly (each padded to an even size).
    private static func checkChunks(_ bytes: ImageByteReader) throws(ImageHeaderError) {
        var offset = 12
        while offset < bytes.count {
            let size = try bytes.le32(offset + 4)
            offset += 8 + size + (size & 1)
            guard offset <= bytes.count else { throw .truncated }
        }
    }
}
