import Foundation

/// Decodes JSON bodies and lines strictly: a key given twice, nesting deeper than `maxDepth` or a
/// wrong type is refused with a message naming the field, where `JSONDecoder` alone would keep
/// the last duplicate silently.
public enum StrictJSON {
    /// Objects and lists nested deeper than this are refused before decoding.
    public static let maxDepth = 64

    /// Decodes `data` as `T` after the duplicate-key and depth checks; errors are `DomainError.invalid`.
    /// `what` names the input in messages about its whole ("the body", "the line").
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data, what: String = "the body") throws -> T {
        if data.isEmpty || data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            throw DomainError.invalid("\(what) is empty; send a JSON object")
        }
        try checkStructure(data)
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let error as DomainError {
            throw error
        } catch let error as DecodingError {
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty {
                throw DomainError.invalid("\(what) is not a JSON object")
            }
            throw DomainError.invalid(error.fieldMessage)
        } catch {
            throw DomainError.invalid("\(what) is not a JSON object")
        }
    }

    /// The largest whole number a JSON double holds exactly.
    public static let maxWholeNumber = 9_007_199_254_740_992.0

    /// Refuses a key repeated within one object ("item: given twice") and nesting beyond `maxDepth`.
    /// Malformed JSON passes here and is reported by the decoder.
    public static func checkStructure(_ data: Data) throws {
        try data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            // One entry per open container: the keys seen so far, or nil for a list.
            var open: [Set<[UInt8]>?] = []
            var expectingKey = false
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    open.append(byte == UInt8(ascii: "{") ? [] : nil)
                    if open.count > maxDepth { throw DomainError.invalid("body: nested more than \(maxDepth) levels deep") }
                    expectingKey = byte == UInt8(ascii: "{")
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    if !open.isEmpty { open.removeLast() }
                    expectingKey = false
                case UInt8(ascii: ","):
                    expectingKey = open.last.map { $0 != nil } ?? false
                case UInt8(ascii: "\""):
                    let start = index + 1
                    var end = start
                    var escaped = false
                    while end < bytes.count, bytes[end] != UInt8(ascii: "\"") {
                        if bytes[end] == UInt8(ascii: "\\") {
                            escaped = true
                            end += 1
                        }
                        end += 1
                    }
                    if expectingKey, end <= bytes.count, case .some(.some(var keys)) = open.last {
                        let key = Array(bytes[start..<min(end, bytes.count)])
                        let name = escaped ? unescaped(key) : key
                        if !keys.insert(name).inserted {
                            throw DomainError.invalid(
                                "\(String(decoding: name, as: UTF8.self)): given twice; give each field once")
                        }
                        open[open.count - 1] = keys
                        expectingKey = false
                    }
                    index = end
                default:
                    break
                }
                index += 1
            }
        }
    }

    /// The key with its escapes undone, so `"a"` and `"\u0061"` count as the same key.
    private static func unescaped(_ key: [UInt8]) -> [UInt8] {
        let quoted = Data([UInt8(ascii: "\"")] + key + [UInt8(ascii: "\"")])
        guard let text = try? JSONSerialization.jsonObject(with: quoted, options: [.fragmentsAllowed]) as? String else {
            return key
        }
        return Array(text.utf8)
    }
}

extension KeyedDecodingContainer {
    /// A whole number, read through `Double` so that `2.5` or `1e300` is refused naming the field
    /// (Foundation on Linux reports a number that does not fit an `Int` as "not valid JSON").
    public func decodeWholeNumberIfPresent(forKey key: Key) throws -> Int? {
        guard let number = try decodeIfPresent(Double.self, forKey: key) else { return nil }
        guard number == number.rounded(), number.magnitude <= StrictJSON.maxWholeNumber else {
            throw DomainError.invalid("\(key.stringValue): expected a whole number")
        }
        return Int(number)
    }
}
