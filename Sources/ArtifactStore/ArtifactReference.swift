import Foundation

/// A parsed `NAME:vN` or `NAME:ALIAS`; a bare `NAME` means `NAME:latest`.
public struct ArtifactReference: Sendable, Hashable, CustomStringConvertible {
    /// What the part after the colon selects.
    public enum Selector: Sendable, Hashable {
        case version(Int)
        case alias(String)
    }

    public var name: String
    public var selector: Selector

    /// Creates a reference from parts, validating them.
    public init(name: String, selector: Selector) throws {
        try ArtifactName.validateName(name)
        if case .alias(let alias) = selector { try ArtifactName.validateAlias(alias) }
        if case .version(let number) = selector, number < 0 {
            throw ArtifactStoreError.invalidReference("\(name):v\(number)")
        }
        self.name = name
        self.selector = selector
    }

    /// Parses `NAME:vN`, `NAME:ALIAS` or `NAME` (meaning `latest`).
    public init(parsing text: String) throws {
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard let name = parts.first, ArtifactName.isValidName(name) else {
            throw ArtifactStoreError.invalidReference(text)
        }
        guard parts.count == 2 else {
            try self.init(name: name, selector: .alias(ArtifactName.latest))
            return
        }
        if let number = ArtifactReference.versionNumber(parts[1]) {
            try self.init(name: name, selector: .version(number))
        } else if ArtifactName.isValidAlias(parts[1]) {
            try self.init(name: name, selector: .alias(parts[1]))
        } else {
            throw ArtifactStoreError.invalidReference(text)
        }
    }

    public var description: String {
        switch selector {
        case .version(let number): return "\(name):v\(number)"
        case .alias(let alias): return "\(name):\(alias)"
        }
    }

    /// The number in `v<digits>`, or nil; leading zeros and overflow are rejected so `v01` never aliases `v1`.
    static func versionNumber(_ text: String) -> Int? {
        guard text.hasPrefix("v") else { return nil }
        let digits = text.dropFirst()
        guard !digits.isEmpty, digits.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        guard digits == "0" || !digits.hasPrefix("0") else { return nil }
        return Int(digits)
    }
}
