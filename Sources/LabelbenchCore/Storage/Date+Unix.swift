import Foundation

extension Date {
    /// Timestamps are stored as seconds since 1970 (REAL), which compare and index cheaply.
    var unix: Double { timeIntervalSince1970 }
}
