import Foundation

/// The agreement and annotator-bias report of `labelbench agreement` and the quality page.
///
/// Every coefficient is a finite number or null (`NullWhenUndefined`); the reason for each null is in `notes`.
/// Percent agreement is the mean over items with ≥ 2 annotations of the share of agreeing pairs.
/// Multiple-choice answers are scored as one present/absent decision per (item, label); the
/// headline figures pool those binary decisions, and `per_label` gives each label's own alpha.
public struct AgreementReport: Codable, Sendable {
    public var items: Int
    public var annotations: Int
    public var labels: [String]
    @NullWhenUndefined public var percentAgreement: Double?
    public var krippendorffAlpha: AlphaByLevel
    /// The level of `alphaCI95`.
    public var alphaLevel: MeasurementLevel
    @NullWhenUndefined public var alphaCI95: [Double]?
    @NullWhenUndefined public var fleissKappa: Double?
    @NullWhenUndefined public var fleissKappaGeneralized: Double?
    @NullWhenUndefined public var gwetAC1: Double?
    /// AC2 for rating scales (null otherwise).
    @NullWhenUndefined public var gwetAC2: WeightedAC2?
    public var cohenKappa: [PairAgreement]
    public var perItem: [ItemAgreement]
    public var perLabel: [LabelAgreement]
    public var annotators: [AnnotatorSummary]
    public var perGuidelineVersion: [VersionAgreement]
    public var overTime: [TimeWindowAgreement]
    public var notes: [String]
    /// Span answers only (`Spans/`); absent from the JSON of every other report.
    public var spanAgreement: SpanAgreement? = nil
    /// Box answers only (`Boxes/`); absent from the JSON of every other report.
    public var boxAgreement: BoxAgreement? = nil

    enum CodingKeys: String, CodingKey {
        case items, annotations, labels, annotators, notes
        case percentAgreement = "percent_agreement"
        case krippendorffAlpha = "krippendorff_alpha"
        case alphaLevel = "alpha_level"
        case alphaCI95 = "alpha_ci95"
        case fleissKappa = "fleiss_kappa"
        case fleissKappaGeneralized = "fleiss_kappa_generalized"
        case gwetAC1 = "gwet_ac1"
        case gwetAC2 = "gwet_ac2"
        case cohenKappa = "cohen_kappa"
        case perItem = "per_item"
        case perLabel = "per_label"
        case perGuidelineVersion = "per_guideline_version"
        case overTime = "over_time"
        case spanAgreement = "span_agreement"
        case boxAgreement = "box_agreement"
    }
}
