/// The statistics library's notes in words for a person: its notes name JSON keys
/// (`fleiss_kappa is null: …`), which mean nothing on a page.
enum QualityNotes {
    /// JSON key → the figure's name on the page, longest keys first so `fleiss_kappa_generalized` wins over `fleiss_kappa`.
    private static let names: [(key: String, name: String)] = [
        ("krippendorff_alpha.nominal", "Krippendorff's alpha"),
        ("krippendorff_alpha.ordinal", "Krippendorff's alpha for ordered labels"),
        ("krippendorff_alpha.interval", "Krippendorff's alpha for interval values"),
        ("krippendorff_alpha.ratio", "Krippendorff's alpha for ratio values"),
        ("fleiss_kappa_generalized", "Generalised Fleiss' kappa"),
        ("agreement_with_peers", "Agreement with peers"),
        ("span_agreement F1", "Span F1"),
        ("box_agreement F1", "F1 at IoU 0.5"),
        ("mean_iou", "Mean IoU"),
        ("percent_agreement", "Percent agreement"),
        ("bias p_value", "The bias test"),
        ("per_label alpha", "Alpha per label"),
        ("gold_accuracy", "Gold accuracy"),
        ("fleiss_kappa", "Fleiss' kappa"),
        ("cohen_kappa", "Cohen's kappa between pairs of annotators"),
        ("alpha_ci95", "The 95% interval of alpha"),
        ("too_fast", "The \"too fast\" flag"),
        ("gwet_ac1", "Gwet's AC1"),
        ("char_alpha", "Character alpha"),
        ("per_label", "the per-label table"),
    ]

    /// Figures the page does not show; notes about them would only puzzle. The span and box pages
    /// say in their own words why the single-label coefficients are missing.
    private static let hidden = ["cohen_kappa", "span answers:", "box answers:"]

    /// Each note as a sentence naming figures as the page does. With the generalised Fleiss' kappa
    /// on the page, the note that the classic one is undefined is dropped: its card says which one it is.
    static func sentences(_ notes: [String], generalisedFleissShown: Bool) -> [String] {
        notes.compactMap { note in
            if hidden.contains(where: { note.hasPrefix($0 + " ") }) { return nil }
            if generalisedFleissShown && note.hasPrefix("fleiss_kappa is null") { return nil }
            var text = note
            for (key, name) in names where text.hasPrefix(key + " ") {
                let rest = text.dropFirst(key.count)
                if rest.hasPrefix(" is null for ") {
                    text = name + " is not available for " + rest.dropFirst(" is null for ".count)
                } else if let reason = ["is null: ", "is empty: "].first(where: { rest.hasPrefix(" " + $0) }) {
                    text = name + " is not available: " + rest.dropFirst(reason.count + 1)
                } else {
                    text = name + rest
                }
                break
            }
            for (key, name) in names where text.contains(key) { text = text.replacingOccurrences(of: key, with: name) }
            guard let first = text.first else { return nil }
            return first.uppercased() + text.dropFirst() + (text.hasSuffix(".") ? "" : ".")
        }
    }
}
