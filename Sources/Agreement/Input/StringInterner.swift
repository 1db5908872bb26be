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
    /// Open addressing: 0 is empty, else the hash's high half above `id + 1`. Comparing the high
    /// half in the slot saves a second random memory access per probe in a table of many items.
    private var slots: [UInt64]
    private var mask: Int

    init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
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
        let tag = hash & 0xffff_ffff_0000_0000
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            let existing = Int32(truncatingIfNeeded: entry) - 1
            if entry & 0xffff_ffff_0000_0000 == tag, matches(existing, bytes) { return existing }
            slot = (slot + 1) & mask
        }
        let id = Int32(names.count)
        names.append(makeName())
        hashes.append(hash)
        arena.append(contentsOf: bytes)
        ends.append(arena.count)
        slots[slot] = tag | UInt64(id + 1)
        if names.count * 2 > slots.count { grow() }
        return id
    }

    /// The id in this interner of name `id` of `other`, adding it when new, without rehashing.
    mutating func id(of id: Int32, in other: StringInterner) -> Int32 {
        other.withBytes(of: id) { bytes in self.id(bytes, hash: other.hashes[Int(id)]) { other.names[Int(id)] } }
    }

    /// Whether name `id` is exactly `bytes`.
    func matches(_ id: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        withBytes(of: id) { Self.equal($0, bytes) }
    }

    /// Byte equality a word at a time: names are short, and a call to `memcmp` costs more than comparing them.
    @inline(__always) static func equal(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        let count = a.count
        guard count == b.count else { return false }
        var offset = 0
        while offset + 8 <= count {
            if a.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                != b.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            {
                return false
            }
            offset += 8
        }
        while offset < count {
            if a[offset] != b[offset] { return false }
            offset += 1
        }
        return true
    }

    private func withBytes<R>(of id: Int32, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        let start = id == 0 ? 0 : ends[Int(id) - 1]
        return arena.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[start..<ends[Int(id)]])) }
    }

    private mutating func grow() {
        slots = [UInt64](repeating: 0, count: slots.count * 2)
        mask = slots.count - 1
        for (id, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = hash & 0xffff_ffff_0000_0000 | UInt64(id + 1)
        }
    }

    /// A multiply-xorshift hash eight bytes at a time with MurmurHash3's finalizer, so every input
    /// bit reaches the low bits the table index uses. Only this process sees the values, so byte
    /// order doesn't matter.
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0x9e37_79b9_7f4a_7c15 ^ UInt64(bytes.count)
        var offset = 0
        while offset + 8 <= bytes.count {
            hash = (hash ^ bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0x9e37_79b9_7f4a_7c15
            hash ^= hash >> 29
            offset += 8
        }
        if offset < bytes.count {
            var tail: UInt64 = 0
            for index in offset..<bytes.count { tail |= UInt64(bytes[index]) << (8 * UInt64(index - offset)) }
            hash ^= tail
        }
        hash ^= hash >> 33
        hash = hash &* 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        hash = hash &* 0xc4ce_b9fe_1a85_ec53
        return hash ^ (hash >> 33)
    }
}
