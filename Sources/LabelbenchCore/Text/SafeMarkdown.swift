import Foundation
import Ink

/// Renders practitioners' Markdown (instructions, rulings, label descriptions) to HTML that is
/// safe to place in an annotator's page: Ink renders, then only allowlisted tags survive.
///
/// Every tag in Ink's output is re-emitted from scratch or escaped as text, so raw HTML,
/// event-handler attributes and `javascript:` links cannot pass through, whatever Ink does.
public enum SafeMarkdown {
    static let allowedTags: Set<String> = [
        "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "code", "pre",
        "blockquote", "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td", "del",
    ]
    static let voidTags: Set<String> = ["br", "hr"]

    /// Markdown to sanitized HTML.
    public static func html(_ markdown: String) -> String {
        sanitize(MarkdownParser().html(from: markdown))
    }

    /// Keeps allowlisted tags (with a checked `href` on links) and escapes everything else.
    public static func sanitize(_ html: String) -> String {
        var out = ""
        out.reserveCapacity(html.utf8.count)
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "<") {
            out += escapeText(rest[rest.startIndex..<open])
            let afterOpen = rest[open...]
            guard let close = afterOpen.firstIndex(of: ">") else {
                out += escapeText(afterOpen)
                rest = ""
                break
            }
            let tag = afterOpen[afterOpen.index(after: afterOpen.startIndex)..<close]
            out += rebuild(tag) ?? escapeText(afterOpen[...close])
            rest = afterOpen[afterOpen.index(after: close)...]
        }
        out += escapeText(rest)
        return out
    }

    /// The tag rebuilt from its name (and a safe href), or nil when it is not allowed.
    private static func rebuild(_ tag: Substring) -> String? {
        let closing = tag.hasPrefix("/")
        let body = closing ? tag.dropFirst() : tag
        let name = String(body.prefix { $0.isLetter || $0.isNumber }).lowercased()
        guard allowedTags.contains(name) else { return nil }
        if closing { return voidTags.contains(name) ? "" : "</\(name)>" }
        if name == "a" {
            guard let href = attribute("href", in: body), isSafeLink(href) else { return "<a>" }
            return "<a href=\"\(escapeAttribute(href))\" rel=\"nofollow noopener noreferrer\">"
        }
        return "<\(name)>"
    }

    private static func attribute(_ name: String, in tag: Substring) -> String? {
        guard let range = tag.range(of: name + "=\"") else { return nil }
        let value = tag[range.upperBound...]
        guard let end = value.firstIndex(of: "\"") else { return nil }
        return decodeEntities(String(value[..<end]))
    }

    /// Only web, mail and in-page links; `javascript:`, `data:` and the like are dropped.
    static func isSafeLink(_ href: String) -> Bool {
        let compact = href.unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) && $0.value >= 0x20 }
        let lowered = String(String.UnicodeScalarView(compact)).lowercased()
        if let colon = lowered.firstIndex(of: ":") {
            let scheme = lowered[..<colon]
            if !scheme.contains("/") && !scheme.contains("?") && !scheme.contains("#") {
                return ["http", "https", "mailto"].contains(String(scheme))
            }
        }
        return true
    }

    private static func decodeEntities(_ text: String) -> String {
        text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// Text between tags: already-escaped entities stay, bare `<`, `>` and quotes are escaped.
    private static func escapeText(_ text: Substring) -> String {
        var out = ""
        for character in text {
            switch character {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }

    private static func escapeAttribute(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
