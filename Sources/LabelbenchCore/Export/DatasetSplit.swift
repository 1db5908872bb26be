import ArtifactStore
import Crypto
import Foundation

/// `--split train=0.8,val=0.1,test=0.1 --split-by id|annotator|meta.KEY`: each item goes to one named part
/// by a hash of its group's key alone, so an item lands in the same part in every later version, and the
/// items of one group (one annotator, one meta value) always land together.
public struct DatasetSplit: Sendable, Equatable {
    /// A named part and its share of the groups.
    public struct Part: Sendable, Equatable {
        public var name: String
        public var share: Double
    }

    /// What keeps items together.
    public enum Grouping: Sendable, Equatable {
        /// Each item alone, keyed by its id.
        case id
        /// The items whose earliest annotator is one person, keyed by that annotator's name ("" for none).
        case annotator
        /// The items with one value under a meta key, keyed by `ItemMeta.text` ("" for a missing key).
        case meta(String)

        /// Reads `id`, `annotator` or `meta.KEY`; a refusal names `field`.
        public init(parsing text: String, field: String) throws {
            switch text {
            case "id": self = .id
            case "annotator": self = .annotator
            case _ where text.hasPrefix("meta.") && text.count > 5: self = .meta(String(text.dropFirst(5)))
            default:
                throw DomainError.invalid("\(field): \(JSONText.string(text)) is not id, annotator or meta.KEY")
            }
        }

        /// As written: `id`, `annotator` or `meta.KEY`.
        public var text: String {
            switch self {
            case .id: "id"
            case .annotator: "annotator"
            case .meta(let key): "meta.\(key)"
            }
        }
    }

    /// The parts in the order given, which is the order they take their ranges of `position`.
    public let parts: [Part]
    public let grouping: Grouping

    /// How far apart the shares' sum may be from 1: decimal shares such as 0.7 + 0.2 + 0.1 miss it by rounding.
    static let sumTolerance = 1e-9

    /// Reads `NAME=SHARE,…`; a refusal names `field`. Names are file stems (`NAME.jsonl` is written beside
    /// `labels.jsonl`), so they are 1 to 64 letters, digits, `_` or `-`, each once, and neither `labels` nor
    /// `spans`, whose files a version may already hold. Shares are positive and sum to 1.
    public init(parsing text: String, grouping: Grouping = .id, field: String) throws {
        var parts: [Part] = []
        for entry in text.split(separator: ",", omittingEmptySubsequences: false) {
            let pair = entry.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = pair[0].trimmingCharacters(in: .whitespaces)
            guard pair.count == 2, let share = Double(pair[1].trimmingCharacters(in: .whitespaces)) else {
                throw DomainError.invalid(
                    "\(field): \(JSONText.string(String(entry))) is not NAME=SHARE (for example train=0.8,val=0.1,test=0.1)")
            }
            guard Self.isPartName(name) else {
                throw DomainError.invalid(
                    "\(field): \(JSONText.string(name)) cannot name a split file; use 1 to 64 letters, digits, '_' or '-', "
                        + "not labels or spans")
            }
            guard !parts.contains(where: { $0.name == name }) else {
                throw DomainError.invalid("\(field): \(name) is named twice")
            }
            guard share.isFinite, share > 0 else {
                throw DomainError.invalid("\(field): the share of \(name) must be a number above 0, not \(pair[1])")
            }
            parts.append(Part(name: name, share: share))
        }
        let sum = parts.reduce(0) { $0 + $1.share }
        guard abs(sum - 1) <= Self.sumTolerance else {
            throw DomainError.invalid(
                "\(field): the shares must sum to 1; \(parts.map { JSONText.number($0.share) }.joined(separator: " + ")) "
                    + "= \(JSONText.number(sum))")
        }
        self.parts = parts
        self.grouping = grouping
    }

    /// The part a group goes to: the first, in the order given, whose cumulative share exceeds the key's
    /// position. A position past the last cumulative share (their sum may fall short of 1 by rounding)
    /// goes to the last part.
    public func part(forKey key: String) -> String {
        let position = Self.position(ofKey: key)
        var cumulative = 0.0
        for part in parts {
            cumulative += part.share
            if cumulative > position { return part.name }
        }
        return parts[parts.count - 1].name
    }

    /// u: the first 8 bytes of SHA-256 of the key's UTF-8, as a big-endian unsigned integer, over 2^64
    /// (in [0, 1); the division is exact, so Python's `int.from_bytes(…, "big") / 2**64` gives the same number).
    public static func position(ofKey key: String) -> Double {
        let digest = SHA256.hash(data: Data(key.utf8))
        let high = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return Double(high) / 18_446_744_073_709_551_616.0
    }

    static func isPartName(_ name: String) -> Bool {
        (1...64).contains(name.utf8.count) && name != "labels" && name != "spans"
            && name.utf8.allSatisfy { $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") || isASCIIAlphanumeric($0) }
    }

    private static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    /// The split as given, for the version's metadata and lineage: `shares` by name (an object, so its keys
    /// are sorted), `order` the order the parts take their ranges in, `by` the grouping and `items` how
    /// many rows each part holds.
    func json(items: [String: Int]) -> JSONValue {
        .object([
            "shares": .object(Dictionary(uniqueKeysWithValues: parts.map { ($0.name, JSONValue.double($0.share)) })),
            "order": .array(parts.map { .string($0.name) }),
            "by": .string(grouping.text),
            "items": .object(
                Dictionary(uniqueKeysWithValues: parts.map { ($0.name, JSONValue.int(Int64(items[$0.name] ?? 0))) })),
        ])
    }
}
