import Crypto
import Foundation
import LabelbenchCore

/// The sign-in form's CSRF defence before any session exists (login CSRF, OWASP ASVS 5.0 V3.5):
/// a signed double-submit cookie. The browser holds a random nonce in an `HttpOnly`, `SameSite=Lax`
/// cookie; the form carries an HMAC of it under a key derived from the install secret. A cross-site
/// post carries no cookie, and nobody without the secret can pair a nonce with its field.
struct LoginFormToken {
    static let cookieName = "labelbench_login"
    private let key: SymmetricKey

    init(secret: String) {
        key = SymmetricKey(data: SHA256.hash(data: Data("labelbench login form:\(secret)".utf8)))
    }

    /// The hidden field that goes with a cookie nonce.
    func field(for nonce: String) -> String {
        HMAC<SHA256>.authenticationCode(for: Data(nonce.utf8), using: key).hexString
    }

    /// Whether a cookie value looks like a nonce this service made (43 base64url characters).
    func isWellFormed(_ nonce: String) -> Bool {
        nonce.utf8.count == 43
            && nonce.utf8.allSatisfy {
                $0 == 0x2D || $0 == 0x5F || (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0)
            }
    }

    /// Whether the posted field matches the cookie, compared in constant time.
    func accepts(cookie: String?, field sent: String?) -> Bool {
        guard let cookie, isWellFormed(cookie), let sent else { return false }
        return SecretToken.matches(sent, field(for: cookie))
    }
}
