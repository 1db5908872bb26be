import ArgumentParser
import LabelbenchCore

/// `serve` options for the upload limits, all checked before any upload is decoded.
struct UploadLimitOptions: ParsableArguments {
    @Option(help: "Largest upload (request body) in MB.") var maxUploadMb: Int = 256
    @Option(help: "Largest single image file in MB.") var maxImageMb: Int = 20
    @Option(help: "Most pixels in one image (width × height).") var maxImagePixels: Int = 50_000_000
    @Option(help: "Largest image width or height.") var maxImageDimension: Int = 20_000
    @Option(help: "Most entries in one zip.") var maxZipEntries: Int = 20_000
    @Option(help: "Largest total uncompressed size of one zip in MB.") var maxZipUncompressedMb: Int = 2048
    @Option(help: "Largest compression ratio of a zip entry (bigger entries only; zip-bomb guard).") var maxCompressionRatio:
        Int = 100

    func validate() throws {
        let all = [
            maxUploadMb, maxImageMb, maxImagePixels, maxImageDimension, maxZipEntries, maxZipUncompressedMb, maxCompressionRatio,
        ]
        if all.contains(where: { $0 < 1 }) { throw ValidationError("upload limits must be positive numbers") }
        if maxUploadMb > 16_384 || maxImageMb > maxUploadMb {
            throw ValidationError("--max-image-mb must not exceed --max-upload-mb (at most 16384)")
        }
    }

    var imageLimits: ImageLimits {
        ImageLimits(
            maxFileBytes: maxImageMb << 20, maxPixels: maxImagePixels, maxDimension: maxImageDimension,
            maxZipEntries: maxZipEntries, maxZipUncompressedBytes: Int64(maxZipUncompressedMb) << 20,
            maxCompressionRatio: maxCompressionRatio, maxRequestBytes: maxUploadMb << 20)
    }
}
