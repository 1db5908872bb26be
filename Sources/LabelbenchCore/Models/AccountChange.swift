import Foundation

/// What an admin may change on an account (`users disable|enable|role|passwd`, `PATCH /api/v1/users/NAME`).
public enum AccountChange: Sendable, Equatable, Decodable {
    case disabled(Bool)
    case role(Role)
    case password(String)

    private enum CodingKeys: String, CodingKey { case disabled, role, password }

    /// Exactly one of `{"disabled": bool}`, `{"role": "…"}` or `{"password": "…"}`; anything else is refused.
    public init(from decoder: any Decoder) throws {
        try RefuseUnknownKeys.check(decoder, allowed: ["disabled", "role", "password"], context: "account change")
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard container.allKeys.count == 1, let key = container.allKeys.first else {
            throw DomainError.invalid("give exactly one of disabled, role or password")
        }
        switch key {
        case .disabled: self = .disabled(try container.decode(Bool.self, forKey: .disabled))
        case .password: self = .password(try container.decode(String.self, forKey: .password))
        case .role:
            guard let role = Role(rawValue: try container.decode(String.self, forKey: .role)) else {
                throw DomainError.invalid("role: use admin, practitioner or annotator")
            }
            self = .role(role)
        }
    }
}
