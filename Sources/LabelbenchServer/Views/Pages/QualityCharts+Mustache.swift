import Mustache

// The charts draw a few hundred SVG elements per quality page, and Mustache finds each value by
// building a `Mirror` of the element (and of every context it misses in). Answering by name here
// took the render from most of the page's time (64 % in a `perf` profile of a 100k-annotation
// task) to a small part. Every stored property is listed, so a lookup never falls through to an
// outer context by mistake; the page tests check the values appear.

extension TrendChart: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "size": size
        case "width": width
        case "height": height
        case "plotLeft": plotLeft
        case "plotRight": plotRight
        case "plotTop": plotTop
        case "plotBottom": plotBottom
        case "line": line
        case "points": points
        case "ticks": ticks
        case "dates": dates
        case "zeroY": zeroY.map { $0 as Any }
        default: nil
        }
    }
}

extension TrendChart.Point: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "x": x
        case "y": y
        case "value": value
        case "labeled": labeled
        case "anchor": anchor
        case "title": title
        default: nil
        }
    }
}

extension TrendChart.Tick: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "y": y
        case "label": label
        default: nil
        }
    }
}

extension TrendChart.DateTick: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "x": x
        case "label": label
        case "anchor": anchor
        default: nil
        }
    }
}

extension ConfusionChart: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "annotator": annotator
        case "cellSize": cellSize
        case "left": left
        case "top": top
        case "width": width
        case "height": height
        case "labels": labels
        case "cells": cells
        default: nil
        }
    }
}

extension ConfusionChart.AxisLabel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "full": full
        case "position": position
        default: nil
        }
    }
}

extension ConfusionChart.Cell: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "x": x
        case "y": y
        case "textX": textX
        case "textY": textY
        case "opacity": opacity
        case "value": value
        case "dark": dark
        case "title": title
        default: nil
        }
    }
}
