/// Maps strings to dense `Int32` ids with an open-addressing table and FNV-1a over the UTF-8 bytes.
///
/// `Dictionary<String, Int32>` hashes with SipHash and was the largest single cost of a report
/// on a million annotations; item ids are short, so a byte hash is much cheaper.
struct StringInterner {
    private(set) var names: [String] = []
    private var hashes: [UInt64] = []
    private var slots: [Int32]
    private var mask: Int

    init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    /// The id of `name`, adding it when new.
    mutating func id(_ name: String) -> Int32 {
        let hash = Self.hash(name)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let existing = slots[slot]
            if existing < 0 { break }
            if hashes[Int(existing)] == hash, names[Int(existing)] == name { return existing }
            slot = (slot + 1) & mask
        }
        let id = Int32(names.count)
        names.append(name)
        hashes.append(hash)
        slots[slot] = id
        if names.count * 2 > slots.count { grow() }
        return id
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

    static func hash(_ name: String) -> UInt64 {
        func fnv(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            // Fold the high bits down: the table index uses the low ones.
            return hash ^ (hash >> 29)
        }
        if let hash = name.utf8.withContiguousStorageIfAvailable(fnv) { return hash }
        return Array(name.utf8).withUnsafeBufferPointer(fnv)
    }
}
