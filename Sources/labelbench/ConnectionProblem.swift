import AsyncHTTPClient
import Foundation
import NIOCore

/// Why a request never reached the server, in the words a person at a terminal expects:
/// "connection refused", not NIO's `connection reset (error set): Connection refused) (errno: 111)`.
enum ConnectionProblem {
    /// A short, lower-case reason for `error`, as thrown by the HTTP client before any answer came.
    static func reason(_ error: any Error) -> String {
        if let io = error as? IOError { return reason(errno: io.errnoCode) }
        if let client = error as? HTTPClientError {
            switch client {
            case .connectTimeout, .deadlineExceeded, .readTimeout, .writeTimeout: return "the connection timed out"
            case .remoteConnectionClosed: return "the server closed the connection"
            default: break
            }
        }
        // NIO's connection error wraps one IOError per address tried; the first one says why.
        for child in Mirror(reflecting: error).children {
            if let list = child.value as? [Any] {
                for entry in list {
                    for field in Mirror(reflecting: entry).children {
                        if let io = field.value as? IOError { return reason(errno: io.errnoCode) }
                    }
                }
            }
        }
        return String(describing: error)
    }

    /// The system's message for an errno, lower-cased: `ECONNREFUSED` reads "connection refused".
    static func reason(errno code: Int32) -> String {
        let message = String(cString: strerror(code))
        guard let first = message.first else { return "error \(code)" }
        return first.lowercased() + message.dropFirst()
    }
}
