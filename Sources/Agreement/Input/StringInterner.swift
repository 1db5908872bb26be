import Foundation

/// Maps strings to dense `Int32` ids, in order of first appearance, with an open-addressing table
/// over the names' UTF-8 bytes.
///
/// `Dictionary<String, Int32>` hashes with SipHash and was the largest single cost of a report
/// on a million annotations; names are short, so a byte hash is much cheaper. Keeping every name's
/// bytes in one arena lets the file parser look names up straight from its buffer and create a
/// `String` only for a name it has not seen before.
///
/// Names are equal when Swift's `==` says so (canonical equivalence), as everywhere they are compared
/// after interning: "vélo" with a precomposed é and with e + combining accent are one name, not two
/// that a `Dictionary` keyed by name would trap on. Each byte spelling is an entry of the table; the
/// entries of one name share its id, and the name keeps its first spelling.
struct StringInterner: Sendable {
    private(set) var names: [String] = []
    /// The first entry of each name, whose bytes stand for it.
    private var firstEntry: [Int32] = []
    /// Per entry: its name's id, its hash, and its bytes `arena[ends[e - 1]..<ends[e]]` (from 0 for the first).
    private var entryName: [Int32] = []
    private var hashes: [UInt64] = []
    private var arena: [UInt8] = []
    private var ends: [Int] = []
    /// Names that are not plain ASCII, by name, to find another spelling of one (only they can have one).
    private var spelledOtherwise: [String: Int32] = [:]
    /// Open addressing: 0 is empty, else the hash's high half above `entry + 1`. Comparing the high
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

    /// The id of the valid UTF-8 `bytes`; `makeName` is called only when the spelling is new.
    mutating func id(_ bytes: UnsafeRawBufferPointer, hash: UInt64, makeName: () -> String) -> Int32 {
        let tag = hash & 0xffff_ffff_0000_0000
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            let existing = Int(truncatingIfNeeded: entry & 0xffff_ffff) - 1
            if entry & 0xffff_ffff_0000_0000 == tag, withBytes(ofEntry: existing, { Self.equal($0, bytes) }) {
                return entryName[existing]
            }
            slot = (slot + 1) & mask
        }
        let name = makeName()
        let id = bytes.allSatisfy({ $0 < 0x80 }) ? append(name) : idOfSpelledOtherwise(name)
        entryName.append(id)
        hashes.append(hash)
        arena.append(contentsOf: bytes)
        ends.append(arena.count)
        // Probed again: finding the name of another spelling may have added to the table.
        slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = tag | UInt64(entryName.count)
        if entryName.count * 2 > slots.count { grow() }
        return id
    }

    /// The id of a name that is not plain ASCII: that of an equal name met before, else a new one.
    /// A name equal to plain ASCII (a Kelvin sign for K) composes to it, and is found by its bytes.
    private mutating func idOfSpelledOtherwise(_ name: String) -> Int32 {
        let composed = name.precomposedStringWithCanonicalMapping
        if composed.utf8.allSatisfy({ $0 < 0x80 }) { return id(composed) }
        if let known = spelledOtherwise[name] { return known }
        let new = append(name)
        spelledOtherwise[name] = new
        return new
    }

    private mutating func append(_ name: String) -> Int32 {
        names.append(name)
        firstEntry.append(Int32(entryName.count))
        return Int32(names.count - 1)
    }

    /// The id in this interner of name `id` of `other`, adding it when new, without rehashing.
    mutating func id(of id: Int32, in other: StringInterner) -> Int32 {
        let entry = Int(other.firstEntry[Int(id)])
        return other.withBytes(ofEntry: entry) { bytes in self.id(bytes, hash: other.hashes[entry]) { other.names[Int(id)] } }
    }

    /// Whether name `id` is spelled exactly `bytes` (its first spelling).
    func matches(_ id: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        withBytes(ofEntry: Int(firstEntry[Int(id)])) { Self.equal($0, bytes) }
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

    private func withBytes<R>(ofEntry entry: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        let start = entry == 0 ? 0 : ends[entry - 1]
        return arena.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[start..<ends[entry]])) }
    }

    private mutating func grow() {
        slots = [UInt64](repeating: 0, count: slots.count * 2)
        mask = slots.count - 1
        for (entry, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = hash & 0xffff_ffff_0000_0000 | UInt64(entry + 1)
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
