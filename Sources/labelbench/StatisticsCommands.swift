import Agreement
import ArgumentParser
import Foundation

extension MeasurementLevel: ExpressibleByArgument {}

/// `labelbench agreement (FILE.jsonl | --task TASK)`.
struct AgreementCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agreement", abstract: "Agreement and annotator-bias report, offline on a file or for a task on the server.")
    @Argument(help: "Annotation JSONL file.") var file: String?
    @Option(help: "A task on the server instead of a file.") var task: String?
    @Option(help: "Level for the alpha interval: nominal, ordinal, interval or ratio.") var level: MeasurementLevel = .nominal
    @Option(help: "The full label list in order, comma-separated (for AC1's category count).") var labels: String?
    @Flag(help: "Print the report as JSON.") var json = false
    @Flag(help: "Print phase times on stderr (file form), with nominal alpha timed alone.") var timings = false
    @OptionGroup var client: ClientOptions

    func validate() throws {
        if (file == nil) == (task == nil) { throw ValidationError("give either FILE.jsonl or --task TASK") }
        if timings, file == nil { throw ValidationError("--timings needs FILE.jsonl") }
    }

    func run() async throws {
        var clock = PhaseClock(enabled: timings)
        defer { clock.report() }
        let report: AgreementReport
        if let file {
            let columns = try AnnotationFile.readForAgreement(URL(fileURLWithPath: file))
            clock.lap("read and parse (to interned columns)")
            let labelList = labels.map { $0.split(separator: ",").map(String.init) }
            let options = AgreementOptions(level: level, labels: labelList)
            if timings {
                // Only with --timings: the figure to set beside other tools' in-memory alpha time.
                _ = AgreementReport.nominalAlpha(columns, options: options)
                clock.lap("nominal alpha alone (from columns)")
            }
            report = AgreementReport(columns, options: options)
            clock.lap("full report")
        } else {
            let path = "/tasks/\(APIClient.segment(task!))/agreement?level=\(level.rawValue)"
            guard let fetched = try await client.statistics(AgreementReport.self, at: path, json: json) else { return }
            report = fetched
        }
        report.print(json: json)
        clock.lap("output")
    }
}

/// Wall-clock time per phase of a command, printed on stderr for `--timings`.
private struct PhaseClock {
    let enabled: Bool
    private let start = ContinuousClock.now
    private var last = ContinuousClock.now
    private var phases: [(name: String, seconds: Double)] = []

    init(enabled: Bool) { self.enabled = enabled }

    /// Ends a phase: the time since the previous lap is booked under `name`.
    mutating func lap(_ name: String) {
        guard enabled else { return }
        let now = ContinuousClock.now
        phases.append((name, Self.seconds(now - last)))
        last = now
    }

    /// Prints every phase and the total.
    func report() {
        guard enabled else { return }
        let rows = phases + [("total", Self.seconds(ContinuousClock.now - start))]
        let width = rows.map(\.name.count).max() ?? 0
        var text = "timings (wall clock):\n"
        for (name, seconds) in rows {
            let padding = String(repeating: " ", count: width - name.count)
            text += "  \(name)\(padding)  \(String(format: "%.4f", seconds)) s\n"
        }
        FileHandle.standardError.write(Data(text.utf8))
    }

    private static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}

/// `labelbench aggregate (FILE.jsonl | --task TASK) --method majority|dawid-skene`.
struct AggregateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aggregate", abstract: "Consensus labels with confidence, annotator skill and confusion.")
    @Argument(help: "Annotation JSONL file.") var file: String?
    @Option(help: "A task on the server instead of a file.") var task: String?
    @Option(help: "majority or dawid-skene (default: majority; with --task, the task's consensus setting).")
    var method: String?
    @Option(help: "Dawid–Skene EM iterations.") var iterations: Int = 100
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var client: ClientOptions

    func validate() throws {
        if (file == nil) == (task == nil) { throw ValidationError("give either FILE.jsonl or --task TASK") }
        if let method, !["majority", "dawid-skene"].contains(method) {
            throw ValidationError("--method must be majority or dawid-skene")
        }
        if !(1...10_000).contains(iterations) { throw ValidationError("--iterations must be between 1 and 10000") }
    }

    func run() async throws {
        let result: AggregationResult
        if let file {
            let columns = try AnnotationFile.readColumns(URL(fileURLWithPath: file))
            result = aggregate(columns, method: method == "dawid-skene" ? .dawidSkene(iterations: iterations) : .majority)
        } else {
            let path = "/tasks/\(APIClient.segment(task!))/aggregate" + (method.map { "?method=\($0)" } ?? "")
            guard let fetched = try await client.statistics(AggregationResult.self, at: path, json: json) else { return }
            result = fetched
        }
        result.print(json: json)
    }
}
