import Foundation
import Hummingbird
import LabelbenchCore
import LabelbenchServer
import Logging
import Testing

/// Keeps every log event it is given, for tests that read what the service logged.
final class RecordingLogHandler: LogHandler, @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [LogEvent] = []
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var event = event
        event.metadata = metadata.merging(event.metadata ?? [:]) { $1 }
        lock.withLock { stored.append(event) }
    }

    /// Each event as one text: message, then `key=value` pairs.
    var lines: [String] {
        lock.withLock { stored }.map { event in
            ([event.message.description] + (event.metadata ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" })
                .joined(separator: " ")
        }
    }
}

/// Finding 7 of the hardening issue: a value a visitor chooses cannot forge a log line.
@Suite struct LogInjectionTests {
    @Test func escapeWritesControlCharactersAndBackslashAsEscapes() {
        #expect(EscapingLogHandler.escape("plain name") == "plain name")
        #expect(EscapingLogHandler.escape("eve\nlevel=notice forged") == "eve\\nlevel=notice forged")
        #expect(
            EscapingLogHandler.escape("a\r\tb\\c\u{1B}[31m\u{0}\u{85}\u{2028}é")
                == "a\\r\\tb\\\\c\\u{1B}[31m\\u{0}\\u{85}\\u{2028}é")
    }

    @Test func aLoginNameWithANewlineStaysOnOneLogLine() async throws {
        let recorder = RecordingLogHandler()
        let logger = Logger(label: "labelbench-test", factory: { _ in recorder })
        try await TestServer.inProcess(logger: logger) { server in
            _ = try await server.database.createUser(name: "admin", role: .admin, password: "correct-horse-battery")
            let forged = "eve\nlabelbench : [security] admin logged in\\"
            let body = "name=" + forged.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! + "&password=wrong"
            let response = try await server.client.postLogin(body)
            #expect(response.status == 422)
        }
        let lines = recorder.lines
        #expect(lines.contains { $0.contains("eve\\nlabelbench : [security] admin logged in\\\\") }, "\(lines)")
        #expect(!lines.contains { $0.contains("\n") }, "\(lines)")
    }
}
