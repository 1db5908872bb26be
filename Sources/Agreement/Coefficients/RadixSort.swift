/// A stable LSD radix sort of indices by a Double key: four 16-bit passes over the key's
/// order-preserving bit pattern, several times faster than a comparison sort on 10⁵–10⁶ items.
enum RadixSort {
    static func order(_ indices: [Int], by keys: [Double]) -> [Int] {
        guard indices.count > 1 else { return indices }
        // Flip the sign bit of positives and every bit of negatives so unsigned order is numeric order.
        var sortKeys = indices.map { index -> UInt64 in
            let bits = keys[index].bitPattern
            return bits & (1 << 63) == 0 ? bits | (1 << 63) : ~bits
        }
        var current = indices
        var nextKeys = sortKeys
        var next = current
        for pass in 0..<4 {
            let shift = UInt64(pass * 16)
            var counts = [Int](repeating: 0, count: 65_537)
            for key in sortKeys { counts[Int((key >> shift) & 0xFFFF) + 1] += 1 }
            if counts[1...].contains(sortKeys.count) { continue }  // every key shares these bits
            for bucket in 0..<65_536 { counts[bucket + 1] += counts[bucket] }
            for position in 0..<sortKeys.count {
                let bucket = Int((sortKeys[position] >> shift) & 0xFFFF)
                let slot = counts[bucket]
                counts[bucket] += 1
                nextKeys[slot] = sortKeys[position]
                next[slot] = current[position]
            }
            swap(&sortKeys, &nextKeys)
            swap(&current, &next)
        }
        return current
    }
}
