import Foundation

/// Maps strings to dense `Int32` ids, in order of first appearance, with an open-addressing table
/// over the names' UTF-8 bytes.
///
/// `Dictionary<String, Int32>` hashes with SipHash and was the largest single cost of a report
/// on a million annotations; names are short, so a byte hash is much cheaper. Keeping every name's
/// bytes in one arena lets the file parser look names up straight from its buffer and create a
/// `String` only for a name it has not seen before.
struct StringInterner: Sendable {
    private(set) var names: [String] = []
    private var hashes: [UInt64] = []
    /// Name `i` is `arena[ends[i - 1]..<ends[i]]` (from 0 for the first).
    private var arena: [UInt8] = []
    private var ends: [Int] = []
    private var slots: [Int32]
    private var mask: Int

    init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    var count: Int { names.count }

    /// The id of `name`, adding it when new.
    mutating func id(_ name: String) -> Int32 {
        var utf8 = name
        return utf8.withUTF8 { utf8 in
            let bytes = UnsafeRawBufferPointer(utf8)
            return id(bytes, hash: Self.hash(bytes)) { name }
        }
    }

    /// The id of the valid UTF-8 `bytes`; `makeName` is called only when the name is new.
    mutating func id(_ bytes: UnsafeRawBufferPointer, hash: UInt64, makeName: () -> String) -> Int32 {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let existing = slots[slot]
            if existing < 0 { break }
            if hashes[Int(existing)] == hash, matches(existing, bytes) { return existing }
            slot = (slot + 1) & mask
        }
        let id = Int32(names.count)
        names.append(makeName())
        hashes.append(hash)
        arena.append(contentsOf: bytes)
        ends.append(arena.count)
        slots[slot] = id
        if names.count * 2 > slots.count { grow() }
        return id
    }

    /// The id in this interner of name `id` of `other`, adding it when new, without rehashing.
    mutating func id(of id: Int32, in other: StringInterner) -> Int32 {
        other.withBytes(of: id) { bytes in self.id(bytes, hash: other.hashes[Int(id)]) { other.names[Int(id)] } }
    }

    /// Whether name `id` is exactly `bytes`.
    func matches(_ id: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        withBytes(of: id) { name in
            name.count == bytes.count && (bytes.isEmpty || memcmp(name.baseAddress!, bytes.baseAddress!, bytes.count) == 0)
        }
    }

    private func withBytes<R>(of id: Int32, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        let start = id == 0 ? 0 : ends[Int(id) - 1]
        return arena.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[start..<ends[Int(id)]])) }
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        mask = slots.count - 1
        for (id, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(id)
        }
    }

    /// FNV-1a over the bytes, with the high bits folded down because the table index uses the low ones.
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash ^ (hash >> 29)
    }
}
