import Foundation

/// An item handed to one annotator until `expiresAt`; afterwards it returns to the pool.
public struct Lease: Sendable, Hashable {
    public var item: ItemView
    /// Opaque token the form or API client sends back with the answer.
    public var token: String
    public var expiresAt: Date
    /// The guideline version the annotator is shown, recorded with the answer.
    public var guidelineVersion: Int
}

/// Why the queue has no item for this annotator right now.
public struct QueueIdle: Sendable, Hashable {
    /// Items others hold leases on that may come back to this annotator if those leases expire.
    public var waiting: Int
    /// When the earliest such lease expires.
    public var retryAt: Date?
}

/// The result of asking for the next item.
public enum NextItem: Sendable, Hashable {
    case leased(Lease)
    case idle(QueueIdle)
}

/// Where an annotator stands in a task.
public struct QueueProgress: Sendable, Hashable {
    public var done: Int
    public var remaining: Int
}
