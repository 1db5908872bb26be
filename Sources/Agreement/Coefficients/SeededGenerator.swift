import Foundation

/// xoshiro256** seeded through SplitMix64: small, fast and reproducible across platforms.
struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    init(seed: UInt64) {
        var mix = seed
        func next() -> UInt64 {
            mix &+= 0x9E37_79B9_7F4A_7C15
            var z = mix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (next(), next(), next(), next())
    }

    mutating func next() -> UInt64 {
        let result = rotate(state.1 &* 5, 7) &* 9
        let shifted = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= shifted
        state.3 = rotate(state.3, 45)
        return result
    }

    private func rotate(_ value: UInt64, _ amount: UInt64) -> UInt64 { (value << amount) | (value >> (64 - amount)) }

    /// A uniform double in [0, 1) from the top 53 bits.
    mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// A standard normal deviate (Box–Muller).
    mutating func normal() -> Double {
        let u1 = max(unit(), 0x1.0p-60)
        let u2 = unit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// A Binomial(n, p) draw: exact for small n or small means, normal approximation otherwise.
    mutating func binomial(_ n: Int, _ p: Double) -> Int {
        if n <= 0 || p <= 0 { return 0 }
        if p >= 1 { return n }
        if n <= 40 {
            var hits = 0
            for _ in 0..<n where unit() < p { hits += 1 }
            return hits
        }
        if p > 0.5 { return n - binomial(n, 1 - p) }
        let mean = Double(n) * p
        if mean < 30 {
            // Inversion: walk the probability mass function from zero.
            let q = 1 - p
            var probability = pow(q, Double(n))
            var cumulative = probability
            let target = unit()
            var k = 0
            while cumulative < target, k < n {
                probability *= Double(n - k) / Double(k + 1) * p / q
                cumulative += probability
                k += 1
            }
            return k
        }
        // With mean and n·q both ≥ 30 the normal approximation is within the bootstrap's own noise.
        let draw = (mean + (mean * (1 - p)).squareRoot() * normal()).rounded()
        return Int(min(max(draw, 0), Double(n)))
    }
}
