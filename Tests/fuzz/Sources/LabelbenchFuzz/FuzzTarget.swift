import Agreement
import Foundation
import LabelbenchCore

@testable import LabelbenchServer

/// One parser under the fuzzer. Every input must end in a value or a thrown error: a trap, an overflow or an
/// out-of-bounds access is a crash that libFuzzer reports (and `run.sh` fails on).
enum FuzzTarget: String, CaseIterable {
    case multipart
    case itemsJSONL = "items-jsonl"
    case itemsCSV = "items-csv"
    case zip
    case imageHeader = "image-header"
    case annotationsJSONL = "annotations-jsonl"

    /// Chosen once per process by `LABELBENCH_FUZZ_TARGET`.
    static let selected: FuzzTarget = {
        let name = ProcessInfo.processInfo.environment["LABELBENCH_FUZZ_TARGET"] ?? ""
        guard let target = FuzzTarget(rawValue: name) else {
            fatalError("set LABELBENCH_FUZZ_TARGET to one of \(allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return target
    }()

    /// Limits small enough that a run explores structure rather than large allocations.
    static let limits = ImageLimits(
        maxFileBytes: 1 << 20, maxPixels: 4_000_000, maxDimension: 4_000, maxZipEntries: 64,
        maxZipUncompressedBytes: 4 << 20, maxCompressionRatio: 100, maxRequestBytes: 8 << 20)

    /// A scratch file for the zip target: ZIPFoundation reads archives from disk.
    static let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("labelbench-fuzz-\(getpid()).zip")

    func run(_ data: Data) {
        switch self {
        case .multipart:
            // The first byte picks a boundary, so boundary handling is explored too; the rest is the body.
            let boundaries = ["BB", "a'b()+_,-./:=?", "-", "----WebKitFormBoundary7MA4YWxkTrZu0gW"]
            let boundary = boundaries[Int(data.first ?? 0) % boundaries.count]
            if var form = try? MultipartForm(body: data.dropFirst(), contentType: "multipart/form-data; boundary=\"\(boundary)\"")
            {
                _ = try? form.remainingParts()
            }
            _ = HeaderValue(String(decoding: data, as: UTF8.self))
        case .itemsJSONL:
            _ = try? ItemFileParser.parseJSONL(data, fileName: "fuzz.jsonl")
            // The streaming fast path must agree with the general parser on whether the file is acceptable.
            let fast = try? DraftStream.parsingJSONL(data, fileName: "fuzz.jsonl", pieceBytes: 64).collect()
            let general = try? ItemFileParser.parseJSONL(data, fileName: "fuzz.jsonl")
            if (fast == nil) != (general == nil) {
                fatalError(
                    "fast and general JSONL parsers disagree: fast \(fast == nil ? "refused" : "accepted"), general \(general == nil ? "refused" : "accepted")"
                )
            }
        case .itemsCSV:
            _ = try? ItemFileParser.parseCSV(data, fileName: "fuzz.csv")
        case .zip:
            guard (try? data.write(to: Self.scratch)) != nil,
                let source = try? ZipImageSource(url: Self.scratch, name: "fuzz.zip", limits: Self.limits)
            else { return }
            for path in source.filePaths { _ = try? source.data(for: path) }
            for path in source.imagePaths { _ = try? source.image(at: path) }
        case .imageHeader:
            _ = try? ImageInspector.inspect(data, name: "fuzz", limits: Self.limits)
        case .annotationsJSONL:
            _ = try? AnnotationFile.parse(data)
        }
    }
}

/// libFuzzer's entry point: called once per input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let data = start.map { Data(bytes: $0, count: count) } ?? Data()
    FuzzTarget.selected.run(data)
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// The process entry: SwiftPM links an executable's `main` to `<Target>_main`, so it hands over to libFuzzer's driver.
@_cdecl("LabelbenchFuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, fuzzTestOneInput)
}
