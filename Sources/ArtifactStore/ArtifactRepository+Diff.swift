import Foundation

extension ArtifactRepository {
    /// Diffs the `labels.jsonl` of two versions straight from the blob store (no download needed).
    public func diff(
        _ old: ArtifactReference, _ new: ArtifactReference, path: String = "labels.jsonl"
    ) throws -> DatasetDiff.Result {
        let oldVersion = try resolve(old)
        let newVersion = try resolve(new)
        // Resolve names through the exact versions so an alias moving mid-diff cannot mix two states.
        let (_, oldURL) = try file(ArtifactReference(name: old.name, selector: .version(oldVersion.number)), path: path)
        let (_, newURL) = try file(ArtifactReference(name: new.name, selector: .version(newVersion.number)), path: path)
        return try DatasetDiff.compare(
            old: oldURL, new: newURL, oldName: oldVersion.reference, newName: newVersion.reference)
    }
}
