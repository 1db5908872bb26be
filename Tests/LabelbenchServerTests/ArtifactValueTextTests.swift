import ArtifactStore
import Testing

@testable import LabelbenchServer

/// Version metadata as the artifact pages show it: values for people, not JSON.
@Suite struct ArtifactValueTextTests {
    @Test func valuesReadAsAPersonWouldWriteThem() {
        #expect(ArtifactVersionPage.text(0.812_345_678) == "0.8123")
        #expect(ArtifactVersionPage.text(3.0) == "3")
        #expect(ArtifactVersionPage.text("majority") == "majority")
        #expect(ArtifactVersionPage.text(true) == "yes")
        #expect(ArtifactVersionPage.text(nil) == "—")
    }

    @Test func aLabelSchemaListsItsLabelsByName() {
        let labels: JSONValue = [["name": "positive", "key": "1"], ["name": "negative", "key": "2"]]
        #expect(ArtifactVersionPage.text(labels) == "positive, negative")
        let unnamed: JSONValue = [["low": 0.5]]
        #expect(ArtifactVersionPage.text(unnamed) == #"{"low":0.5}"#)
    }

    @Test func theListPageUsesTheSameWording() {
        let entries = ArtifactsPage.entries(["krippendorff_alpha": 0.712_345, "aggregation_method": "majority"])
        #expect(entries.map(\.value) == ["majority", "0.7123"])
        #expect(entries.map(\.key) == ["aggregation method", "krippendorff alpha"])
    }
}
