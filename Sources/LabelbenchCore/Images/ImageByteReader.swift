/// Bounds-checked reads of big- and little-endian integers from a borrowed buffer.
///
/// Every read returns nil (or throws `ImageHeaderError.truncated`) past the end, so the header parsers
/// never trap on a short or hostile file.
struct ImageByteReader {
    let raw: UnsafeRawBufferPointer

    init(_ raw: UnsafeRawBufferPointer) { self.raw = raw }

    var count: Int { raw.count }

    /// The byte at `offset`, or a truncation error.
    func u8(_ offset: Int) throws(ImageHeaderError) -> Int {
        guard offset >= 0, offset < raw.count else { throw .truncated }
        return Int(raw[offset])
    }

    func be16(_ offset: Int) throws(ImageHeaderError) -> Int { try u8(offset) << 8 | u8(offset + 1) }

    func be32(_ offset: Int) throws(ImageHeaderError) -> Int { try be16(offset) << 16 | be16(offset + 2) }

    func le16(_ offset: Int) throws(ImageHeaderError) -> Int { try u8(offset) | u8(offset + 1) << 8 }

    func le24(_ offset: Int) throws(ImageHeaderError) -> Int { try le16(offset) | u8(offset + 2) << 16 }

    func le32(_ offset: Int) throws(ImageHeaderError) -> Int { try le16(offset) | le16(offset + 2) << 16 }

    /// Whether the buffer holds `bytes` at `offset`.
    func matches(_ bytes: [UInt8], at offset: Int) -> Bool {
        guard offset >= 0, offset + bytes.count <= raw.count else { return false }
        return bytes.indices.allSatisfy { raw[offset + $0] == bytes[$0] }
    }

    func starts(with bytes: [UInt8]) -> Bool { matches(bytes, at: 0) }

    /// Up to `length` bytes from the start, copied.
    func prefix(_ length: Int) -> [UInt8] { Array(raw.prefix(length)) }

    /// A view of the bytes in `range`, or a truncation error when it is out of bounds.
    func slice(_ range: Range<Int>) throws(ImageHeaderError) -> UnsafeRawBufferPointer {
        guard range.lowerBound >= 0, range.upperBound <= raw.count else { throw .truncated }
        return UnsafeRawBufferPointer(rebasing: raw[range])
    }
}
