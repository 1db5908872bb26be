import Foundation
import Testing

@testable import Agreement

/// `agreement` and `aggregate` on box answers, worked by hand.
@Suite struct BoxReportTests {
    /// Item a: x and y agree on a car and (IoU 9/11) a person; z's only car overlaps theirs by 1/3,
    /// too little. Item b: x and y both answered `[]`.
    static let file = """
        {"item": "a", "annotator": "x", "label": [{"x": 0, "y": 0, "w": 10, "h": 10, "label": "car"}, {"x": 20, "y": 0, "w": 10, "h": 20, "label": "person"}]}
        {"item": "a", "annotator": "y", "label": [{"x": 21, "y": 0, "w": 10, "h": 20, "label": "person"}, {"x": 0, "y": 0, "w": 10, "h": 10, "label": "car"}]}
        {"item": "a", "annotator": "z", "label": [{"x": 5, "y": 0, "w": 10, "h": 10, "label": "car"}]}
        {"item": "b", "annotator": "x", "label": []}
        {"item": "b", "annotator": "y", "label": []}
        """

    static func columns(_ text: String = file) throws -> AnnotationColumns {
        try AnnotationFile.parseColumns(Data(text.utf8))
    }

    @Test func figuresByHand() throws {
        let report = AgreementReport(try Self.columns())
        let figures = try #require(report.boxAgreement)
        // Pairs: a x–y F1 1 (2 of 2 matched), x–z and y–z 0; b x–y both empty, 1.
        #expect(figures.pairs == 4)
        #expect(figures.f1IoU50 == 0.5)
        let meanIoU = try #require(figures.meanIoU)
        #expect(abs(meanIoU - (1 + 9.0 / 11) / 2) < 1e-15)
        // Each label is in the three pairs of item a, matched only between x and y.
        #expect(figures.perLabel.map(\.label) == ["car", "person"])
        #expect(figures.perLabel.map(\.n) == [3, 3])
        let labelF1: [Double?] = [1.0 / 3, 1.0 / 3]
        #expect(figures.perLabel.map(\.f1IoU50) == labelF1)
        #expect(report.perItem.map(\.item) == ["a", "b"])
        let itemF1: [Double?] = [1.0 / 3, 1]
        #expect(report.perItem.map(\.agreement) == itemF1)
        #expect(report.perItem[0].labels == ["car": 3, "person": 2])
        #expect(report.annotators.map(\.annotator) == ["x", "y", "z"])
        let peers: [Double?] = [2.0 / 3, 2.0 / 3, 0]
        #expect(report.annotators.map(\.agreementWithPeers) == peers)
        #expect(report.annotators[0].labelDistribution == ["car": 1, "person": 1])
        #expect(report.labels == ["car", "person"])
        #expect(report.krippendorffAlpha.nominal == nil)
        #expect(report.spanAgreement == nil)
    }

    @Test func reportJSONHasBoxAgreementWithItsKeys() throws {
        let report = AgreementReport(try Self.columns())
        let json = try #require(try JSONSerialization.jsonObject(with: report.jsonData()) as? [String: Any])
        let figures = try #require(json["box_agreement"] as? [String: Any])
        #expect(Set(figures.keys) == ["pairs", "f1_iou50", "mean_iou", "per_label"])
        let perLabel = try #require(figures["per_label"] as? [[String: Any]])
        #expect(Set(perLabel[0].keys) == ["label", "f1_iou50", "n"])
        #expect(json["span_agreement"] == nil)
        let item = try #require((json["per_item"] as? [[String: Any]])?.first)
        #expect((item["agreement"] as? Double).map { abs($0 - 1.0 / 3) < 1e-15 } == true)
        // Codable writes the same document as the fast writer.
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let coded = try #require(try JSONSerialization.jsonObject(with: encoder.encode(report)) as? NSDictionary)
        #expect(coded == (json as NSDictionary))
        // Reports of other kinds have no box_agreement.
        let plain = AgreementReport([AnnotationRecord(item: "a", annotator: "x", label: .string("car"))])
        #expect(!String(decoding: plain.jsonData(), as: UTF8.self).contains("box_agreement"))
    }

    @Test func tableShowsTheBoxFigures() throws {
        let table = AgreementReport(try Self.columns()).renderTable()
        #expect(table.contains("Box agreement: 2 items, 5 annotations, 2 labels"))
        #expect(table.contains("F1 at IoU 0.5"))
        #expect(table.contains("0.500"))
    }

    @Test func goldAccuracyCountsAnswersWithF1AtLeast0999() throws {
        let gold: [String: LabelValue] = [
            "a": .boxes([
                Box(x: 0, y: 0, w: 10, h: 10, label: "car"), Box(x: 20, y: 0, w: 10, h: 20, label: "person"),
            ]),
            // A gold [] as the server reads it back.
            "b": .strings([]),
        ]
        let report = AgreementReport(try Self.columns(), options: AgreementOptions(gold: gold))
        // x and y match the gold list on a (y's person at IoU 9/11 still matches) and on b; z misses a.
        let accuracy: [Double?] = [1, 1, 0]
        #expect(report.annotators.map(\.goldAccuracy) == accuracy)
        #expect(report.annotators[2].goldAccuracyCI95 != nil)
        #expect(Box.matchesGold([], gold: []))
        #expect(!Box.matchesGold([Box(x: 0, y: 0, w: 1, h: 1, label: "car")], gold: []))
    }

    @Test func aggregateByHand() throws {
        let result = aggregate(try Self.columns(), method: .majority)
        #expect(result.labels.map(\.item) == ["a", "b"])
        // a: x's and y's cars and persons are linked, 2 of 3 answers each; z's car stands alone.
        // The person takes the median corners of x's and y's: left (20 + 21) / 2, right (30 + 31) / 2.
        #expect(
            result.labels[0].label
                == .boxes([
                    Box(x: 0, y: 0, w: 10, h: 10, label: "car", confidence: 2.0 / 3),
                    Box(x: 20.5, y: 0, w: 10, h: 20, label: "person", confidence: 2.0 / 3),
                ]))
        #expect(result.labels[0].confidence == 2.0 / 3)
        // b: both answered [].
        #expect(result.labels[1].label == .boxes([]))
        #expect(result.labels[1].confidence == 1)
        // x and y match the consensus everywhere; z's car does not (F1 0 on a), and z has no b.
        let skills: [Double?] = [1, 1, 0]
        #expect(result.annotators.map(\.skill) == skills)
        let json = String(decoding: result.jsonData(), as: UTF8.self)
        #expect(json.contains(#"{"confidence":0.6666666666666666,"h":20,"label":"person","w":10,"x":20.5,"y":0}"#))
        #expect(json.contains(#""item":"b","label":[]"#))
        #expect(result.method == "majority")
        let modelled = aggregate(try Self.columns(), method: .dawidSkene(iterations: 10, tolerance: nil))
        #expect(modelled.labels == result.labels)
        #expect(modelled.notes.contains { $0.contains("not defined for boxes") })
    }

    @Test func theConsensusOfAnEmptyRowIsTheShareOfEmptyAnswers() {
        let car = Box(x: 0, y: 0, w: 10, h: 10, label: "car")
        let consensus = BoxConsensus(answers: [[], [], [car]])
        #expect(consensus.boxes.isEmpty)
        #expect(consensus.confidence == 2.0 / 3)
        #expect(BoxConsensus(answers: []) == BoxConsensus(boxes: [], confidence: 0))
    }

    @Test func aLongAggregateIsWrittenOnBothCoresAsCodableWritesIt() throws {
        // Over 20,000 rows the label rows are written in two halves at once and joined.
        var columns = AnnotationColumns()
        for item in 0..<25_000 {
            for annotator in 0..<2 {
                let x = Double(item % 97) + (annotator == 0 ? 0 : 0.5)
                let boxes = item % 11 == 0 ? [] : [Box(x: x, y: 1.25, w: 10, h: 10, label: "L\(item % 3)")]
                columns.append(item: String(format: "i%05d", item), annotator: "a\(annotator)", label: .boxes(boxes))
            }
        }
        let result = aggregate(columns, method: .majority)
        let fast = try #require(try JSONSerialization.jsonObject(with: result.jsonData()) as? NSDictionary)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let coded = try #require(try JSONSerialization.jsonObject(with: encoder.encode(result)) as? NSDictionary)
        #expect(fast == coded)
        #expect((fast["labels"] as? [Any])?.count == 25_000)
    }
}
