import Agreement
import Foundation

/// What `agreement` and `aggregate` print: JSON with `--json`, a table otherwise.
protocol StatisticsOutput: Decodable {
    func jsonBytes() -> [UInt8]
    var table: String { get }
}

extension AgreementReport: StatisticsOutput {
    var table: String { renderTable() }
}

extension AggregationResult: StatisticsOutput {
    var table: String { renderTable() }
}

extension StatisticsOutput {
    /// Prints the figures computed here.
    func print(json: Bool) {
        if json {
            // Straight from the writer's bytes: copying a large document into `Data` first cost as
            // much as writing it, and as much memory again.
            FileHandle.standardOutput.write(bytes: jsonBytes())
            FileHandle.standardOutput.write(Data("\n".utf8))
        } else {
            Swift.print(table)
        }
    }
}

extension ClientOptions {
    /// A task's figures from the server: with `--json` printed as the server sent them (and nil
    /// returned), otherwise decoded for the table.
    func statistics<Output: StatisticsOutput>(_ type: Output.Type, at path: String, json: Bool) async throws -> Output? {
        let data = try await client().send("GET", path).data
        if json {
            FileHandle.standardOutput.write(data)
            return nil
        }
        return try JSONDecoder().decode(type, from: data)
    }
}

extension FileHandle {
    /// Writes `bytes` as `write(_:)` writes data.
    fileprivate func write(bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            write(Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: raw.count, deallocator: .none))
        }
    }
}
