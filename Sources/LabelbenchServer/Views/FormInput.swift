import Crypto
import Foundation
import Hummingbird
import LabelbenchCore

/// Reads browser form posts, refusing any without the session's CSRF token.
enum FormInput {
    static let maxFormBytes = 4 << 20

    /// Decodes an `application/x-www-form-urlencoded` body after checking its `csrf` field.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, context: AppRequestContext) async throws -> T {
        let buffer = try await request.body.collect(upTo: maxFormBytes)
        let body = String(buffer: buffer)
        // A body that cannot be read (say, a plain key sent twice) has no readable token: refused like a missing one.
        try checkCSRF((try? URLEncodedFormDecoder().decode(CSRFField.self, from: body))?.csrf, context: context)
        do {
            return try URLEncodedFormDecoder().decode(T.self, from: body)
        } catch let error as DecodingError {
            throw DomainError.invalid(error.localizedDescription)
        } catch {
            // The form decoder's own errors (duplicate keys, bad nesting) are bad input, not server faults.
            throw DomainError.invalid("the form is malformed")
        }
    }

    /// Constant-time comparison with the token stored beside the session.
    static func checkCSRF(_ sent: String?, context: AppRequestContext) throws {
        guard let expected = context.csrfToken, let sent, SecretToken.matches(sent, expected) else {
            context.logger.notice("security: form without a valid CSRF token refused")
            throw DomainError.forbidden("the form has expired or did not come from this site; reload the page and try again")
        }
    }

    private struct CSRFField: Decodable { var csrf: String? }
}

extension KeyedDecodingContainer {
    /// The labels a form chose: a radio button sends `label` once, checkboxes send `label[]`.
    func decodeLabels(forKey key: Key) -> [String]? {
        if let many = try? decodeIfPresent([String].self, forKey: key) { return many }
        return (try? decodeIfPresent(String.self, forKey: key)).flatMap { $0.map { [$0] } }
    }
}

/// A 303 redirect: post/redirect/get.
func redirect(to location: String) -> Response {
    Response(status: .seeOther, headers: [.location: location])
}
