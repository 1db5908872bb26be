import Crypto
import Foundation

/// Random secrets (session ids, API tokens, CSRF and lease tokens) and their stored hashes.
public enum SecretToken {
    /// 256 random bits, base64url without padding.
    public static func make(prefix: String = "") -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return prefix + Data(bytes).base64URLEncoded
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

extension Sequence where Element == UInt8 {
    /// Lowercase hex, as digests are written everywhere in Labelbench.
    public var hexString: String {
        var out = ""
        for byte in self {
            out += String(byte >> 4, radix: 16) + String(byte & 0x0f, radix: 16)
        }
        return out
    }
}
