import Mustache

// A contested-items page marks 25 items for every annotator: over a hundred excerpts of a few runs
// each, and Mustache finds each value by building a `Mirror`. Answering by name here took the span
// quality page of a 100k-annotation task from 54 to 19 ms (p50, release build, the two builds run
// back to back on a machine busy with other builds). Every stored property is listed, as in
// QualityCharts+Mustache.swift; the page tests check the values appear.

extension SpanHighlights: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "segments": segments
        case "clippedStart": clippedStart
        case "clippedEnd": clippedEnd
        case "isEmpty": isEmpty
        default: nil
        }
    }
}

extension SpanHighlights.Segment: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "text": text
        case "isSpan": isSpan
        case "label": label
        case "colour": colour
        default: nil
        }
    }
}

extension ContestedItem: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "item": item
        case "itemQuery": itemQuery
        case "agreement": agreement
        case "ruling": ruling.map { $0 as Any }
        case "detail": detail
        default: nil
        }
    }
}

extension AnnotatorSpans: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "annotator": annotator
        case "spanCount": spanCount
        case "highlights": highlights
        default: nil
        }
    }
}
