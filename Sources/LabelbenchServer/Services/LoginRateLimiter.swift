import Foundation

/// Slows password guessing: at most `limit` failures per account name and per client address
/// in a sliding window. In-process state, hence an actor.
actor LoginRateLimiter {
    private var failures: [String: [Date]] = [:]
    let limit: Int
    let window: TimeInterval

    init(limit: Int = 10, window: TimeInterval = 300) {
        self.limit = limit
        self.window = window
    }

    /// Whether another attempt is allowed for all of these keys (name and address).
    func allows(_ keys: [String], now: Date = Date()) -> Bool {
        keys.allSatisfy { key in
            let recent = (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
            failures[key] = recent.isEmpty ? nil : recent
            return recent.count < limit
        }
    }

    func recordFailure(_ keys: [String], now: Date = Date()) {
        for key in keys { failures[key, default: []].append(now) }
        if failures.count > 100_000 { failures.removeAll() }
    }

    func recordSuccess(_ keys: [String]) {
        for key in keys { failures[key] = nil }
    }
}
