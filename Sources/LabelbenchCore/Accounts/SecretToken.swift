import Crypto
import Foundation

/// Random secrets (session ids, API tokens, CSRF and lease tokens) and their stored hashes.
public enum SecretToken {
    /// 256 random bits, base64url without padding.
    public static func make(prefix: String = "") -> String {
        // Four 64-bit draws: one getrandom call each instead of one per byte.
        var generator = SystemRandomNumberGenerator()
        var bytes = Data(capacity: 32)
        for _ in 0..<4 {
            withUnsafeBytes(of: generator.next() as UInt64) { bytes.append(contentsOf: $0) }
        }
        return prefix + bytes.base64URLEncoded
    }

    /// Whether a sent token equals the expected one, in time that does not depend on where they differ.
    public static func matches(_ sent: String, _ expected: String) -> Bool {
        sent.utf8.count == expected.utf8.count && zip(sent.utf8, expected.utf8).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// What is stored instead of the secret: a leaked database gives no usable tokens.
    public static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).hexString
    }
}

extension Data {
    var base64URLEncoded: String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
