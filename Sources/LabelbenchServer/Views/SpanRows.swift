import Agreement
import Foundation

/// The queue's rows without JavaScript, "mark the 2nd “Paris” as LOC", and spans in code points,
/// each turned into the other against the item's text.
enum SpanRows {
    /// Rows placed on the text: the spans of the rows that could be placed, and a message for each
    /// row that could not, by its position.
    struct Placement {
        var spans: [Span]
        var errors: [Int: String]

        /// What the page says above the rows when any was refused.
        var summary: String? {
            let numbers = errors.keys.sorted().map { String($0 + 1) }
            switch numbers.count {
            case 0: return nil
            case 1: return "Row \(numbers[0]) could not be marked; see the row below."
            default: return "Rows \(numbers.joined(separator: ", ")) could not be marked; see the rows below."
            }
        }
    }

    /// Finds each row's text in the item's text (its chosen occurrence, 1 when blank), checks its
    /// class, and refuses rows whose marks overlap, naming both rows.
    static func place(_ rows: [SpanAnswerInput.Row], in text: String, classes: [String]) -> Placement {
        let scalars = Array(text.unicodeScalars)
        let known = Set(classes)
        var errors: [Int: String] = [:]
        var placed: [(row: Int, span: Span)] = []
        for (index, row) in rows.enumerated() {
            let entity = row.text.trimmingCharacters(in: .whitespacesAndNewlines)
            let name = "Row \(index + 1)"
            guard !row.label.isEmpty else {
                errors[index] = "\(name): choose a class for “\(clip(entity))”."
                continue
            }
            guard known.contains(row.label) else {
                errors[index] = "\(name): “\(clip(row.label))” is not one of this task's classes."
                continue
            }
            let occurrenceText = row.occurrence.trimmingCharacters(in: .whitespaces)
            guard let occurrence = occurrenceText.isEmpty ? 1 : Int(occurrenceText), occurrence >= 1 else {
                errors[index] = "\(name): the occurrence must be a whole number from 1, not “\(clip(occurrenceText))”."
                continue
            }
            let found = occurrences(of: entity, in: scalars, text: text)
            if found.isEmpty {
                errors[index] = "\(name): “\(clip(entity))” is not in the text."
                continue
            }
            guard occurrence <= found.count else {
                let times = found.count == 1 ? "once" : "\(found.count) times"
                errors[index] = "\(name): “\(clip(entity))” occurs \(times) in the text; there is no occurrence \(occurrence)."
                continue
            }
            let range = found[occurrence - 1]
            placed.append((index, Span(start: range.lowerBound, end: range.upperBound, label: row.label)))
        }
        // Flat entities: a row whose mark overlaps an earlier row's is refused, naming that row.
        var kept: [(row: Int, span: Span)] = []
        for candidate in placed {
            if let other = kept.first(where: { $0.span.start < candidate.span.end && candidate.span.start < $0.span.end }) {
                errors[candidate.row] =
                    "Row \(candidate.row + 1) (“\(clip(slice(candidate.span, scalars)))”, \(candidate.span.label)) overlaps "
                    + "row \(other.row + 1) (“\(clip(slice(other.span, scalars)))”, \(other.span.label)); marks may not overlap."
            } else {
                kept.append(candidate)
            }
        }
        return Placement(spans: kept.map(\.span).sorted { $0.start < $1.start }, errors: errors)
    }

    /// A row for each span: its text, class, and which occurrence of that text it is.
    static func rows(for spans: [Span], in text: String) -> [SpanAnswerInput.Row] {
        let scalars = Array(text.unicodeScalars)
        return spans.compactMap { span in
            guard span.start >= 0, span.end <= scalars.count, span.start < span.end else { return nil }
            let entity = slice(span, scalars)
            let position = occurrences(of: entity, in: scalars, text: text).firstIndex { $0.lowerBound == span.start } ?? 0
            return SpanAnswerInput.Row(text: entity, label: span.label, occurrence: String(position + 1))
        }
    }

    /// Where `entity` occurs in the text, in code points, counting overlapping occurrences so that every
    /// span is some occurrence of its own text. The code points must match exactly; only when they match
    /// nowhere is a canonically equal spelling looked for (an "é" typed precomposed, for the text's
    /// "e" and combining accent).
    static func occurrences(of entity: String, in scalars: [Unicode.Scalar], text: String) -> [Range<Int>] {
        let needle = Array(entity.unicodeScalars)
        guard !needle.isEmpty, needle.count <= scalars.count else { return [] }
        var found: [Range<Int>] = []
        for start in 0...(scalars.count - needle.count) where scalars[start] == needle[0] {
            if scalars[start..<(start + needle.count)].elementsEqual(needle) {
                found.append(start..<(start + needle.count))
            }
        }
        return found.isEmpty ? canonicalOccurrences(of: entity, in: text) : found
    }

    private static func canonicalOccurrences(of entity: String, in text: String) -> [Range<Int>] {
        var found: [Range<Int>] = []
        var from = text.startIndex
        var offset = 0
        while from < text.endIndex, let range = text[from...].firstRange(of: entity) {
            let start = offset + text.unicodeScalars[from..<range.lowerBound].count
            found.append(start..<(start + text.unicodeScalars[range].count))
            from = text.index(after: range.lowerBound)
            offset = start + text.unicodeScalars[range.lowerBound..<from].count
        }
        return found
    }

    private static func slice(_ span: Span, _ scalars: [Unicode.Scalar]) -> String {
        String(String.UnicodeScalarView(scalars[span.start..<span.end]))
    }

    private static func clip(_ text: String) -> String {
        text.count > 60 ? String(text.prefix(60)) + "…" : text
    }
}
