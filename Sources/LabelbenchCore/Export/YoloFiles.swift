import Agreement
import ArtifactStore
import Foundation

/// YOLO labels: `classes.txt` (one class a line, the task's order) and, for every image `images/STEM.EXT`
/// of the version, `labels/STEM.txt` with a `class cx cy w h` line per box, normalised to the image.
///
/// STEM is the image's file name in the version without its extension, which is the SHA-256 of its
/// bytes, so two different images never share a label file whatever they were called when uploaded.
struct YoloFiles {
    private let blobs: BlobStore
    private let classIndex: [String: Int]
    private let classes: String
    private var files: [ArtifactFile] = []
    /// Each stem's item, so two items showing one image cannot write one label file twice.
    private var stems: [String: String] = [:]
    /// Images with no box share the one empty blob; stored once, not once per image.
    private var empty: BlobRef?

    init(task: LabelingTask, blobs: BlobStore) {
        self.blobs = blobs
        classIndex = Dictionary(task.labelNames.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        classes = task.labelNames.map { $0 + "\n" }.joined()
    }

    /// Writes the image's label file: empty for an image without boxes.
    mutating func append(_ image: BoxedImage) throws {
        let stem = Self.stem(of: image.path)
        if let other = stems.updateValue(image.item, forKey: stem) {
            throw DomainError.invalid(
                "format: yolo pairs one label file with each image, and items \(other) and \(image.item) show \(image.path)")
        }
        var text = ""
        let (width, height) = (Double(image.width), Double(image.height))
        for box in image.boxes {
            guard let index = classIndex[box.label] else {
                throw DomainError.invalid(
                    "item \(image.item): box class \(JSONText.string(box.label)) is not a class of the task")
            }
            text +=
                "\(index) \(Self.decimal((box.x + box.w / 2) / width)) \(Self.decimal((box.y + box.h / 2) / height)) "
                + "\(Self.decimal(box.w / width)) \(Self.decimal(box.h / height))\n"
        }
        let blob: BlobRef
        if text.isEmpty {
            blob = try empty ?? blobs.put(Data())
            empty = blob
        } else {
            blob = try blobs.put(Data(text.utf8))
        }
        files.append(ArtifactFile(path: "labels/\(stem).txt", blob: blob))
    }

    /// `classes.txt` and every label file.
    func finish() throws -> [ArtifactFile] {
        [ArtifactFile(path: "classes.txt", blob: try blobs.put(Data(classes.utf8)))] + files
    }

    /// `images/SHA.png` → `SHA`: the last path component without its extension.
    static func stem(of path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: ".") else { return name }
        return String(name[..<dot])
    }

    /// The value with 6 decimals, exactly as C's and Python's `"%.6f"` print it. Scaling by 10⁶ rounds, so
    /// a value whose 7th decimal is near a half goes to `String(format:)`, which rounds the exact binary
    /// value (a true tie to even); the others, almost all, take the integer path, several times faster.
    static func decimal(_ value: Double) -> String {
        let product = abs(value) * 1_000_000
        guard abs(product - product.rounded(.down) - 0.5) > 1e-6, product < 1e12 else {
            return String(format: "%.6f", value)
        }
        let scaled = Int(product.rounded())
        let fraction = String(scaled % 1_000_000)
        return (value < 0 && scaled > 0 ? "-" : "") + String(scaled / 1_000_000) + "."
            + String(repeating: "0", count: 6 - fraction.count) + fraction
    }

    /// Characters that end a line of `classes.txt` for Python's `str.splitlines()`.
    static func breaksLine(_ character: Character) -> Bool {
        character.isNewline || character.unicodeScalars.contains { (0x1C...0x1E).contains($0.value) }
    }
}
