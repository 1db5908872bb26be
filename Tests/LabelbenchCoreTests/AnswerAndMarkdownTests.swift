import Foundation
import Testing

@testable import LabelbenchCore

@Suite struct AnswerTests {
    private func task(_ answer: AnswerType, _ labels: [String]) -> LabelingTask {
        LabelingTask(
            id: 1, name: "t", title: "t", kind: .text, answer: answer, labels: labels.map { TaskLabel(name: $0) }, overlap: 1,
            leaseSeconds: 60, goldRate: 0, guidelineVersion: 1, createdAt: Date(), createdBy: nil)
    }

    /// A value as JSONSerialization gives it, so numbers and booleans are the NSNumbers real input produces.
    private func json(_ text: String) -> Any {
        try! JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    }

    @Test func singleChoice() throws {
        let single = task(.single, ["cat", "dog"])
        #expect(try Answer.parse(json(#""dog""#), for: single) == .one("dog"))
        #expect(throws: DomainError.self) { try Answer.parse(json(#""zebra""#), for: single) }
        #expect(throws: DomainError.self) { try Answer.parse(json("1"), for: single) }
        #expect(throws: DomainError.self) { try Answer.parse(json(#"["cat"]"#), for: single) }
        #expect(throws: DomainError.self) { try Answer.parse(nil, for: single) }
        #expect(throws: DomainError.self) { try Answer.parse(json(#""Cat""#), for: single) }
    }

    @Test func multipleChoiceIsStoredInTaskOrder() throws {
        let multiple = task(.multiple, ["red", "green", "blue"])
        let answer = try Answer.parse(json(#"["blue", "red", "blue"]"#), for: multiple)
        #expect(answer == .many(["red", "blue"]))
        #expect(answer.json == #"["red","blue"]"#)
        #expect(Answer(storedJSON: answer.json) == answer)
        #expect(try Answer.parse(json(#""green""#), for: multiple) == .many(["green"]))
        #expect(try Answer.parse(json("[]"), for: multiple) == .many([]))
        #expect(throws: DomainError.self) { try Answer.parse(json(#"["red", 1]"#), for: multiple) }
        #expect(throws: DomainError.self) { try Answer.parse(json(#"["purple"]"#), for: multiple) }
        #expect(throws: DomainError.self) { try Answer.parse(json("true"), for: multiple) }
    }

    @Test func ratingAcceptsNumbersEqualToAScalePoint() throws {
        let rating = task(.rating, ["1", "2", "3", "4", "5", "2.5"])
        #expect(try Answer.parse(json("3"), for: rating) == .one("3"))
        #expect(try Answer.parse(json("3.0"), for: rating) == .one("3"))
        #expect(try Answer.parse(json(#""4""#), for: rating) == .one("4"))
        #expect(try Answer.parse(json("2.5"), for: rating) == .one("2.5"))
        #expect(throws: DomainError.self) { try Answer.parse(json("6"), for: rating) }
        #expect(throws: DomainError.self) { try Answer.parse(json("1e300"), for: rating) }
    }

    @Test func booleansAreNotRatings() {
        let rating = task(.rating, ["0", "1"])
        #expect(throws: DomainError.self) { try Answer.parse(json("true"), for: rating) }
        #expect(throws: DomainError.self) { try Answer.parse(json("false"), for: rating) }
        #expect(throws: DomainError.self) { try Answer.parse(json("[true]"), for: self.task(.multiple, ["a", "b"])) }
    }

    @Test func storedJSONRoundTripsOddLabels() {
        for label in [#"say "hi""#, "back\\slash", "emoji 🐈", "line\u{2028}sep", "tab\tbed"] {
            #expect(Answer(storedJSON: Answer.one(label).json) == .one(label))
        }
    }
}

@Suite struct SafeMarkdownTests {
    @Test func normalMarkdownSurvives() {
        let html = SafeMarkdown.html(
            """
            # Title

            Some **bold**, *italic* and `code`, a [link](https://example.com/a?b=1&c=2) and a [mail](mailto:a@b.c).

            - one
            - two

            > quoted
            """)
        for fragment in [
            "<h1>Title</h1>", "<strong>bold</strong>", "<em>italic</em>", "<code>code</code>", "<li>one</li>",
            "<blockquote>", "href=\"https://example.com/a?b=1&amp;c=2\"", "href=\"mailto:a@b.c\"",
        ] {
            #expect(html.contains(fragment), "missing \(fragment) in \(html)")
        }
        #expect(SafeMarkdown.html("[in page](#edge-cases)").contains("href=\"#edge-cases\""))
        #expect(SafeMarkdown.html("[relative](guide/a.html)").contains("href=\"guide/a.html\""))
    }

    /// Nothing executable: no script element, no event handler, no dangerous scheme in an attribute.
    private func expectInert(_ html: String, _ source: String) {
        let lowered = html.lowercased()
        #expect(!lowered.contains("<script"), "script survived \(source): \(html)")
        #expect(!lowered.contains("<img"), "img survived \(source): \(html)")
        #expect(!lowered.contains("<svg"), "svg survived \(source): \(html)")
        #expect(!lowered.contains("<iframe"), "iframe survived \(source): \(html)")
        for href in hrefs(html) {
            let url = browserURL(href)
            for scheme in ["javascript:", "data:", "vbscript:"] {
                #expect(!url.hasPrefix(scheme), "\(scheme) link survived \(source): \(html)")
            }
        }
        // Every tag left is bare or an anchor with only href and rel.
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "<") {
            guard let close = rest[open...].firstIndex(of: ">") else { break }
            let tag = rest[rest.index(after: open)..<close]
            if !tag.contains(" ") || tag.hasPrefix("/") {
                // bare
            } else {
                #expect(
                    tag.hasPrefix("a href=\"") && tag.hasSuffix("rel=\"nofollow noopener noreferrer\""),
                    "attribute kept in <\(tag)>")
            }
            rest = rest[rest.index(after: close)...]
        }
    }

    /// The href values as written in the HTML.
    private func hrefs(_ html: String) -> [String] {
        html.components(separatedBy: "href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    /// What a browser makes of an href: entities decoded once, whitespace and controls removed, lowercased.
    private func browserURL(_ attribute: String) -> String {
        var out = ""
        var rest = Substring(attribute)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[amp...]
            if let semi = after.firstIndex(of: ";"), after.distance(from: after.startIndex, to: semi) < 12 {
                let entity = after[after.index(after: after.startIndex)..<semi]
                var scalar: Unicode.Scalar?
                if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
                    scalar = UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
                } else if entity.hasPrefix("#") {
                    scalar = UInt32(entity.dropFirst()).flatMap(Unicode.Scalar.init)
                } else {
                    scalar = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "colon": ":", "tab": "\t", "newline": "\n"][
                        String(entity)
                    ]
                    .flatMap { $0.unicodeScalars.first }
                }
                if let scalar {
                    out.unicodeScalars.append(scalar)
                    rest = after[after.index(after: semi)...]
                    continue
                }
            }
            out += "&"
            rest = after.dropFirst()
        }
        out += rest
        let kept = out.unicodeScalars.filter { $0.value > 0x20 }
        return String(String.UnicodeScalarView(kept)).lowercased()
    }

    @Test(arguments: [
        "<script>alert(1)</script>",
        "Hello <SCRIPT src=//evil.example/x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<p onclick=\"alert(1)\">para</p>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click]( javascript:alert(1))",
        "[click](java\tscript:alert(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[click](vbscript:msgbox(1))",
        "[click](java&#x73;cript:alert(1))",
        "[click](&#106;avascript:alert(1))",
        "[click](javascript&#58;alert(1))",
        "<a href=\"java&#x73;cript:alert(1)\">x</a>",
        "<a href=\"&#x6A;avascript:alert(1)\">x</a>",
        "<svg onload=alert(1)>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "![x](x\" onerror=\"alert(1))",
        "<a href=\"https://ok.example\" onmouseover=\"alert(1)\">hover</a>",
        "<<script>script>alert(1)<</script>/script>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
    ])
    func dangerousInputIsNeutralized(source: String) {
        expectInert(SafeMarkdown.html(source), source)
        expectInert(SafeMarkdown.sanitize(source), source)
    }

    @Test func textIsEscaped() {
        let html = SafeMarkdown.sanitize("a < b > c \"q\"")
        #expect(html == "a &lt; b &gt; c &quot;q&quot;")
        #expect(SafeMarkdown.sanitize("<strong class=\"x\">b</strong>") == "<strong>b</strong>")
        #expect(!SafeMarkdown.isSafeLink("javascript:alert(1)"))
        #expect(!SafeMarkdown.isSafeLink(" JAVASCRIPT:alert(1)"))
        #expect(SafeMarkdown.isSafeLink("https://example.com"))
    }
}
