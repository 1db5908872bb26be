import Foundation
import Testing
import TextFormats

@testable import Agreement

/// Properties every agreement figure must keep, on generated data.
@Suite struct PropertyTests {
    /// A seeded data set: 60 items, 6 annotators, 4 labels, some disagreement and missing labels.
    static func sample(seed: UInt64 = 7) -> [AnnotationRecord] {
        var generator = SeededGenerator(seed: seed)
        let labels = ["cat", "dog", "bird", "fish"]
        var records: [AnnotationRecord] = []
        for item in 0..<60 {
            let truth = Int(generator.next() % 4)
            for annotator in 0..<6 where generator.unit() < 0.7 {
                let label = generator.unit() < 0.75 ? truth : Int(generator.next() % 4)
                records.append(
                    AnnotationRecord(
                        item: "item-\(item)", annotator: "ann-\(annotator)", label: .string(labels[label]),
                        seconds: 2 + generator.unit() * 5))
            }
        }
        return records
    }

    static func headline(_ report: AgreementReport) -> [Double?] {
        [
            report.percentAgreement, report.krippendorffAlpha.nominal, report.fleissKappaGeneralized, report.gwetAC1,
            report.alphaCI95?[0], report.alphaCI95?[1],
        ]
    }

    static func close(_ a: [Double?], _ b: [Double?]) -> Bool {
        zip(a, b).allSatisfy { x, y in
            switch (x, y) {
            case (nil, nil): true
            case (let x?, let y?): abs(x - y) < 1e-9
            default: false
            }
        }
    }

    @Test func invariantUnderPermutationAndRenaming() {
        let records = Self.sample()
        let base = AgreementReport(records, options: AgreementOptions(labels: ["cat", "dog", "bird", "fish"]))
        var generator = SeededGenerator(seed: 99)
        let shuffled = records.shuffled(using: &generator)
        // Rename items, annotators and labels one to one.
        let renamed = shuffled.map { record in
            var copy = record
            copy.item = "x-" + String(record.item.reversed())
            copy.annotator = "who-" + record.annotator.uppercased()
            if case .string(let label) = record.label { copy.label = .string("L:" + label) }
            return copy
        }
        let other = AgreementReport(
            renamed, options: AgreementOptions(labels: ["L:cat", "L:dog", "L:bird", "L:fish"]))
        #expect(Self.close(Self.headline(base), Self.headline(other)))
        let baseKappas = base.cohenKappa.map(\.kappa).compactMap { $0 }.sorted()
        let otherKappas = other.cohenKappa.map(\.kappa).compactMap { $0 }.sorted()
        #expect(Self.close(baseKappas, otherKappas))
        #expect(Set(base.perLabel.map(\.alpha)) == Set(other.perLabel.map(\.alpha)))
    }

    @Test func perfectAgreementGivesOne() {
        var records: [AnnotationRecord] = []
        for item in 0..<20 {
            for annotator in 0..<3 {
                records.append(
                    AnnotationRecord(item: "i\(item)", annotator: "a\(annotator)", label: .number(Double(item % 5 + 1)))
                )
            }
        }
        let report = AgreementReport(records)
        #expect(report.percentAgreement == 1)
        for level in MeasurementLevel.allCases { #expect(report.krippendorffAlpha[level] == 1) }
        #expect(report.fleissKappa == 1)
        #expect(report.gwetAC1 == 1)
        #expect(report.cohenKappa.allSatisfy { $0.kappa == 1 })
        #expect(report.alphaCI95 == [1, 1])
    }

    @Test func aConstantAnnotatorAgreesLessAndIsFlagged() {
        var records = Self.sample()
        let base = AgreementReport(records)
        for item in 0..<60 {
            records.append(AnnotationRecord(item: "item-\(item)", annotator: "lazy", label: .string("cat")))
        }
        let report = AgreementReport(records)
        let lazy = report.annotators.first { $0.annotator == "lazy" }!
        let peers = report.annotators.filter { $0.annotator != "lazy" }.compactMap(\.agreementWithPeers)
        #expect(lazy.agreementWithPeers! < peers.min()!)
        #expect(report.krippendorffAlpha.nominal! < base.krippendorffAlpha.nominal!)
        #expect(lazy.bias.flagged)
        #expect(lazy.bias.overused == "cat")
    }

    @Test func bootstrapIsReproducibleAndBracketsAlpha() {
        let records = Self.sample()
        let first = AgreementReport(records)
        let second = AgreementReport(records)
        #expect(first.alphaCI95 == second.alphaCI95)
        let interval = first.alphaCI95!
        #expect(interval[0] < first.krippendorffAlpha.nominal! && first.krippendorffAlpha.nominal! < interval[1])
        let other = AgreementReport(records, options: AgreementOptions(seed: 1))
        #expect(other.alphaCI95 != first.alphaCI95)
    }

    @Test(arguments: [
        ("empty", [(String, String, String)]()),
        ("one item", [("i", "a", "x"), ("i", "b", "y")]),
        ("one annotator", [("i", "a", "x"), ("j", "a", "y")]),
        ("all identical", [("i", "a", "x"), ("i", "b", "x"), ("j", "a", "x"), ("j", "b", "x")]),
        ("no overlap", [("i", "a", "x"), ("j", "b", "y"), ("k", "c", "x")]),
    ])
    func degenerateInputsGiveNullsWithNotes(_ name: String, _ rows: [(String, String, String)]) throws {
        let records = rows.map { AnnotationRecord(item: $0.0, annotator: $0.1, label: .string($0.2)) }
        for answer in [AnswerKind.single, .rating, .multiple] {
            let options = AgreementOptions(level: .interval, labels: ["x", "y", "unused"], answer: answer)
            let report = AgreementReport(records, options: options)
            let json = report.jsonData()
            let object = try JSONSerialization.jsonObject(with: json) as? [String: Any]
            #expect(object != nil, "\(name)")
            #expect(!String(decoding: json, as: UTF8.self).contains("nan"), "\(name)")
            // Codable gives the same document.
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            let viaCodable = try JSONSerialization.jsonObject(with: encoder.encode(report)) as? NSDictionary
            #expect(viaCodable == object.map { NSDictionary(dictionary: $0) }, "\(name) \(answer)")
            if report.krippendorffAlpha.nominal == nil { #expect(!report.notes.isEmpty, "\(name)") }
            _ = report.renderTable()
            let aggregation = aggregate(records, method: .dawidSkene(iterations: 5))
            #expect(aggregation.labels.allSatisfy { $0.confidence.isFinite }, "\(name)")
            _ = aggregation.jsonData()
            _ = aggregation.renderTable()
        }
    }

    @Test func manyFreeTextLabelsStayCheap() throws {
        // 3000 distinct labels: no K×K work may run (it would take minutes or exhaust memory).
        var records: [AnnotationRecord] = []
        for item in 0..<3000 {
            for annotator in 0..<3 {
                records.append(
                    AnnotationRecord(item: "i\(item)", annotator: "a\(annotator)", label: .string("text \(item + annotator / 2)"))
                )
            }
        }
        let report = AgreementReport(records)
        #expect(report.krippendorffAlpha.nominal != nil)
        #expect(report.cohenKappa.isEmpty && report.notes.contains { $0.contains("cohen_kappa is empty") })
        let result = aggregate(records, method: .dawidSkene())
        #expect(result.labels.count == 3000)
        #expect(result.method == "majority" && !result.notes.isEmpty)
    }

    @Test func multipleChoiceIsScoredPerLabel() {
        let records = [
            AnnotationRecord(item: "i", annotator: "a", label: .strings(["car", "bus"])),
            AnnotationRecord(item: "i", annotator: "b", label: .strings(["car"])),
            AnnotationRecord(item: "j", annotator: "a", label: .strings([])),
            AnnotationRecord(item: "j", annotator: "b", label: .strings(["bus"])),
            AnnotationRecord(item: "k", annotator: "a", label: .strings(["car", "bus"])),
            AnnotationRecord(item: "k", annotator: "b", label: .strings(["bus", "car"])),
        ]
        let report = AgreementReport(records, options: AgreementOptions(answer: .multiple))
        #expect(report.labels == ["bus", "car"])
        // Pooled binary decisions: 6 units, 4 agree.
        #expect(abs(report.percentAgreement! - 4.0 / 6.0) < 1e-12)
        #expect(report.perLabel.first { $0.label == "car" }?.n == 4)
        #expect(report.perItem.first { $0.item == "k" }?.agreement == 1)
    }

    @Test func goldAccuracyAndWilsonInterval() {
        let records = (0..<10).map {
            AnnotationRecord(item: "g\($0)", annotator: "a", label: .string($0 < 8 ? "yes" : "no"))
        }
        let gold = Dictionary(uniqueKeysWithValues: (0..<10).map { ("g\($0)", LabelValue.string("yes")) })
        let report = AgreementReport(records, options: AgreementOptions(gold: gold))
        let row = report.annotators[0]
        #expect(row.goldAccuracy == 0.8)
        // Wilson 95 % for 8/10: [0.4902, 0.9433].
        #expect(abs(row.goldAccuracyCI95![0] - 0.49016) < 1e-4)
        #expect(abs(row.goldAccuracyCI95![1] - 0.94332) < 1e-4)
    }

    @Test func chiSquareSurvivalMatchesTables() {
        // Critical values at 0.05 and a far tail.
        #expect(abs(SpecialFunctions.chiSquareSurvival(3.841458820694124, degreesOfFreedom: 1) - 0.05) < 1e-12)
        #expect(abs(SpecialFunctions.chiSquareSurvival(9.487729036781154, degreesOfFreedom: 4) - 0.05) < 1e-12)
        // Closed forms: Q(5, 50) = e^−50 Σ_{k<5} 50^k / k!; odd df via erfc.
        #expect(abs(SpecialFunctions.chiSquareSurvival(100, degreesOfFreedom: 10) / 5.4497019829205295e-17 - 1) < 1e-10)
        #expect(abs(SpecialFunctions.chiSquareSurvival(7.814727903251177, degreesOfFreedom: 3) - 0.05) < 1e-12)
        #expect(SpecialFunctions.chiSquareSurvival(0, degreesOfFreedom: 3) == 1)
    }

    @Test func timingFlagsTheRushedAnnotator() {
        var records: [AnnotationRecord] = []
        for annotator in 0..<6 {
            for item in 0..<10 {
                let seconds = annotator == 5 ? 0.3 : 5.0 + Double(annotator)
                records.append(
                    AnnotationRecord(
                        item: "i\(item)", annotator: "a\(annotator)", label: .string("x"), seconds: seconds))
            }
        }
        let report = AgreementReport(records)
        #expect(report.annotators.map(\.tooFast) == [false, false, false, false, false, true])
        let two = AgreementReport(records.filter { $0.annotator < "a2" })
        #expect(two.annotators.allSatisfy { $0.tooFast == nil })
    }

    @Test func timeWindowsAndGuidelineVersions() {
        var records = Self.sample()
        for index in records.indices {
            records[index].createdAt = Date(timeIntervalSince1970: Double(index) * 60)
            records[index].guidelineVersion = index < records.count / 2 ? 1 : 2
        }
        let report = AgreementReport(records)
        #expect(report.perGuidelineVersion.map(\.guidelineVersion) == [1, 2])
        #expect(report.perGuidelineVersion.map(\.annotations).reduce(0, +) == records.count)
        #expect(!report.overTime.isEmpty && report.overTime.count <= 20)
        #expect(report.overTime.map(\.items).reduce(0, +) == 60)
        #expect(report.overTime.last?.until == ISO8601.wholeSeconds(records.last!.createdAt!))
        // Each version's alpha is the alpha of that version's annotations alone.
        for row in report.perGuidelineVersion {
            let subset = records.filter { $0.guidelineVersion == row.guidelineVersion }
            let alone = AgreementReport(subset)
            #expect(row.alpha == alone.krippendorffAlpha.nominal)
            #expect(row.items == alone.items && row.annotations == alone.annotations)
        }
        let sets = records.map { record -> AnnotationRecord in
            var copy = record
            copy.label = .strings(record.label.key == "cat" ? ["cat", "dog"] : [record.label.key])
            return copy
        }
        let multiple = AgreementReport(sets, options: AgreementOptions(answer: .multiple))
        for row in multiple.perGuidelineVersion {
            let alone = AgreementReport(
                sets.filter { $0.guidelineVersion == row.guidelineVersion },
                options: AgreementOptions(answer: .multiple))
            #expect(row.alpha == alone.krippendorffAlpha.nominal)
            #expect(row.items == alone.items && row.annotations == alone.annotations)
        }
    }
}
