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
    @OptionGroup var client: ClientOptions

    func validate() throws {
        if (file == nil) == (task == nil) { throw ValidationError("give either FILE.jsonl or --task TASK") }
    }

    func run() async throws {
        let report: AgreementReport
        if let file {
            let records = try AnnotationFile.read(URL(fileURLWithPath: file))
            let labelList = labels.map { $0.split(separator: ",").map(String.init) }
            report = AgreementReport(records, options: AgreementOptions(level: level, labels: labelList))
        } else {
            let data = try await client.client().send("GET", "/tasks/\(APIClient.segment(task!))/agreement?level=\(level.rawValue)").data
            if json {
                FileHandle.standardOutput.write(data)
                return
            }
            report = try JSONDecoder().decode(AgreementReport.self, from: data)
        }
        if json {
            FileHandle.standardOutput.write(report.jsonData())
            FileHandle.standardOutput.write(Data("\n".utf8))
        } else {
            print(report.renderTable())
        }
    }
}

/// `labelbench aggregate (FILE.jsonl | --task TASK) --method majority|dawid-skene`.
struct AggregateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aggregate", abstract: "Consensus labels with confidence, annotator skill and confusion.")
    @Argument(help: "Annotation JSONL file.") var file: String?
    @Option(help: "A task on the server instead of a file.") var task: String?
    @Option(help: "majority or dawid-skene.") var method: String = "majority"
    @Option(help: "Dawid–Skene EM iterations.") var iterations: Int = 100
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var client: ClientOptions

    func validate() throws {
        if (file == nil) == (task == nil) { throw ValidationError("give either FILE.jsonl or --task TASK") }
        if !["majority", "dawid-skene"].contains(method) { throw ValidationError("--method must be majority or dawid-skene") }
        if !(1...10_000).contains(iterations) { throw ValidationError("--iterations must be between 1 and 10000") }
    }

    func run() async throws {
        let result: AggregationResult
        if let file {
            let records = try AnnotationFile.read(URL(fileURLWithPath: file))
            result = aggregate(records, method: method == "majority" ? .majority : .dawidSkene(iterations: iterations))
        } else {
            let data = try await client.client().send("GET", "/tasks/\(APIClient.segment(task!))/aggregate?method=\(method)").data
            if json {
                FileHandle.standardOutput.write(data)
                return
            }
            result = try JSONDecoder().decode(AggregationResult.self, from: data)
        }
        if json {
            FileHandle.standardOutput.write(result.jsonData())
            FileHandle.standardOutput.write(Data("\n".utf8))
        } else {
            print(result.renderTable())
        }
    }
}
