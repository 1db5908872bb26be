import Agreement
import ArtifactStore
import Foundation

/// The task setting `gates`: the quality a dataset version must reach before a protected alias
/// (`protected_aliases`, `production` by default) may point at it. Any subset of the three thresholds.
///
/// Every export measures the version against them and records the result in its metadata (`GateResults`).
/// A figure that cannot be computed — no gold answers, no item with two annotations — fails its check:
/// a gate that was asked for and cannot be shown to hold does not hold.
public struct QualityGates: Codable, Sendable, Hashable {
    /// The lowest acceptable lower end of the agreement interval (see `Figures`).
    public var alphaCILow: Double?
    /// The lowest acceptable share of trusted gold answers that match the gold answer.
    public var goldAccuracy: Double?
    /// The highest acceptable share of the task's annotations that are untrusted (kept but not counted).
    public var maxUntrustedShare: Double?

    enum CodingKeys: String, CodingKey {
        case alphaCILow = "alpha_ci_low"
        case goldAccuracy = "gold_accuracy"
        case maxUntrustedShare = "max_untrusted_share"
    }

    /// Creates a setting; nil thresholds are not checked.
    public init(alphaCILow: Double? = nil, goldAccuracy: Double? = nil, maxUntrustedShare: Double? = nil) {
        self.alphaCILow = alphaCILow
        self.goldAccuracy = goldAccuracy
        self.maxUntrustedShare = maxUntrustedShare
    }

    public init(from decoder: any Decoder) throws {
        try RefuseUnknownKeys.check(decoder, allowed: Set(CodingKeys.allNames), context: "gates")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        alphaCILow = try c.decodeIfPresent(Double.self, forKey: .alphaCILow)
        goldAccuracy = try c.decodeIfPresent(Double.self, forKey: .goldAccuracy)
        maxUntrustedShare = try c.decodeIfPresent(Double.self, forKey: .maxUntrustedShare)
    }

    /// The aliases protected when a task file names none.
    public static let defaultProtectedAliases = ["production"]

    /// True when no threshold is set.
    public var isEmpty: Bool { alphaCILow == nil && goldAccuracy == nil && maxUntrustedShare == nil }

    /// Every problem with the thresholds, keyed by field (`gates.gold_accuracy`, …).
    func problems() -> [(field: String, message: String)] {
        var found: [(String, String)] = []
        if let alphaCILow, !(alphaCILow.isFinite && (-1...1).contains(alphaCILow)) {
            found.append(("gates.alpha_ci_low", "give a number from -1 to 1 (alpha is at most 1)"))
        }
        if let goldAccuracy, !(goldAccuracy.isFinite && (0...1).contains(goldAccuracy)) {
            found.append(("gates.gold_accuracy", "give a share from 0 to 1"))
        }
        if let maxUntrustedShare, !(maxUntrustedShare.isFinite && (0...1).contains(maxUntrustedShare)) {
            found.append(("gates.max_untrusted_share", "give a share from 0 to 1"))
        }
        return found
    }

    /// Every problem with a `protected_aliases` list.
    static func aliasProblems(_ aliases: [String]) -> [(field: String, message: String)] {
        if aliases.count > 20 { return [("protected_aliases", "at most 20 aliases")] }
        return aliases.enumerated().compactMap { index, alias in
            if alias == ArtifactName.latest {
                return ("protected_aliases[\(index)]", "latest moves to every new version by itself and cannot be protected")
            }
            return ArtifactName.isValidAlias(alias)
                ? nil
                : ("protected_aliases[\(index)]", "use 1 to 128 letters, digits, '_', '.' or '-', and not v followed by a number")
        }
    }

    /// The figures of one dataset version that the gates compare against their thresholds.
    public struct Figures: Sendable, Hashable {
        /// The lower end of the agreement interval, or the answer type's own agreement figure (`alphaMeasure`).
        public var alphaCILow: Double?
        /// Which reported figure `alphaCILow` is.
        public var alphaMeasure: String
        public var goldAccuracy: Double?
        public var untrustedShare: Double?

        /// Creates figures.
        public init(alphaCILow: Double?, alphaMeasure: String, goldAccuracy: Double?, untrustedShare: Double?) {
            self.alphaCILow = alphaCILow
            self.alphaMeasure = alphaMeasure
            self.goldAccuracy = goldAccuracy
            self.untrustedShare = untrustedShare
        }

        /// The figures of a version: agreement from its report, gold accuracy pooled over its trusted gold
        /// answers, and the untrusted share of all `annotations` of the task (nil when it has none).
        ///
        /// Single, multiple and rating answers use the lower end of the bootstrap interval of alpha
        /// (`alpha_ci95[0]`). Span and box reports have no alpha interval; their gate reads the figure the
        /// report gives for the answer type — character-level alpha for spans, F1 at IoU 0.5 for boxes.
        public init(report: AgreementReport, answer: AnswerType, goldAccuracy: Double?, untrusted: Int, annotations: Int) {
            switch answer {
            case .spans: (alphaCILow, alphaMeasure) = (report.spanAgreement?.charAlpha, "span_agreement.char_alpha")
            case .boxes: (alphaCILow, alphaMeasure) = (report.boxAgreement?.f1IoU50, "box_agreement.f1_iou50")
            default: (alphaCILow, alphaMeasure) = (report.alphaCI95?.first, "alpha_ci95[0]")
            }
            self.goldAccuracy = goldAccuracy
            untrustedShare = annotations > 0 ? Double(untrusted) / Double(annotations) : nil
        }
    }

    /// Checks `figures` against every threshold that is set, in the order `alpha_ci_low`, `gold_accuracy`,
    /// `max_untrusted_share`. A missing figure fails; a figure on the threshold passes.
    public func evaluate(_ figures: Figures) -> GateResults {
        var checks: [GateResults.Check] = []
        if let alphaCILow {
            checks.append(
                .init(
                    name: CodingKeys.alphaCILow.rawValue, threshold: alphaCILow, value: figures.alphaCILow,
                    passed: figures.alphaCILow.map { $0 >= alphaCILow } ?? false, measure: figures.alphaMeasure))
        }
        if let goldAccuracy {
            checks.append(
                .init(
                    name: CodingKeys.goldAccuracy.rawValue, threshold: goldAccuracy, value: figures.goldAccuracy,
                    passed: figures.goldAccuracy.map { $0 >= goldAccuracy } ?? false))
        }
        if let maxUntrustedShare {
            checks.append(
                .init(
                    name: CodingKeys.maxUntrustedShare.rawValue, threshold: maxUntrustedShare, value: figures.untrustedShare,
                    passed: figures.untrustedShare.map { $0 <= maxUntrustedShare } ?? false))
        }
        return GateResults(checks: checks)
    }
}

extension QualityGates.CodingKeys: CaseIterable {
    static var allNames: [String] { allCases.map(\.rawValue) }
}
