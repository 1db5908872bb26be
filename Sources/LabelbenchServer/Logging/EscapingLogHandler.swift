import Logging

/// Wraps the service's log handler so that no logged value can start a line of its own: control
/// characters, line separators and the backslash in messages, metadata keys and values are written
/// as escapes (`\n`, `\u{1B}`, `\\`). A login name holding a newline then shows as one field of
/// one line instead of forging a second entry. Installed once in `buildApplication`, so every
/// logger the service derives (requests, services, middleware) escapes without each call site
/// having to remember.
public struct EscapingLogHandler: LogHandler {
    private var wrapped: any LogHandler

    /// Wraps `handler`, escaping what it is given from now on.
    public init(wrapping handler: any LogHandler) {
        wrapped = handler
        wrapped.metadata = Self.escape(handler.metadata)
    }

    /// `logger` with the same label, level and metadata, escaping everything it logs.
    public static func escaping(_ logger: Logger) -> Logger {
        if logger.handler is EscapingLogHandler { return logger }
        let handler = EscapingLogHandler(wrapping: logger.handler)
        return Logger(label: logger.label, factory: { _ in handler })
    }

    public func log(event: LogEvent) {
        var escaped = event
        escaped.message = Logger.Message(stringLiteral: Self.escape(event.message.description))
        escaped.metadata = event.metadata.map(Self.escape)
        wrapped.log(event: escaped)
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { wrapped[metadataKey: Self.escape(key)] }
        set { wrapped[metadataKey: Self.escape(key)] = newValue.map(Self.escape) }
    }

    public var metadata: Logger.Metadata {
        get { wrapped.metadata }
        set { wrapped.metadata = Self.escape(newValue) }
    }

    public var metadataProvider: Logger.MetadataProvider? {
        get { wrapped.metadataProvider }
        set { wrapped.metadataProvider = newValue.map { provider in Logger.MetadataProvider { Self.escape(provider.get()) } } }
    }

    public var logLevel: Logger.Level {
        get { wrapped.logLevel }
        set { wrapped.logLevel = newValue }
    }

    static func escape(_ metadata: Logger.Metadata) -> Logger.Metadata {
        Dictionary(metadata.map { (escape($0.key), escape($0.value)) }, uniquingKeysWith: { first, _ in first })
    }

    static func escape(_ value: Logger.Metadata.Value) -> Logger.Metadata.Value {
        switch value {
        case .string(let text): .string(escape(text))
        case .stringConvertible(let convertible): .string(escape(convertible.description))
        case .array(let values): .array(values.map(escape))
        case .dictionary(let metadata): .dictionary(escape(metadata))
        }
    }

    /// The text with every control character (Unicode category Cc), U+2028, U+2029 and `\` escaped.
    public static func escape(_ text: String) -> String {
        // Nearly every logged value is plain: check the bytes before building a new string.
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0x5C || $0 >= 0xC2 }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _
            where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029:
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
