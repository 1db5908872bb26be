import Foundation
import Hummingbird
import LabelbenchCore

/// The search, sort and page of a long list page, read from its query string
/// (`?q=…&sort=…&page=…`); anything unreadable falls back to the first page in the default order.
struct ListQuery<Sort: RawRepresentable & CaseIterable & Sendable & Hashable> where Sort.RawValue == String {
    let search: String
    let sort: Sort
    let page: Int
    /// Further query parameters the page's links keep (`shelf=archived`).
    let extra: [(name: String, value: String)]

    static var perPage: Int { 50 }

    init(_ request: Request, sorts: Sort.Type, default fallback: Sort, extra: [(name: String, value: String)] = []) {
        let parameters = ListQueryFormFields.read(request.uri.query ?? "")
        search = parameters["q"].map { String($0.prefix(200)) } ?? ""
        sort = parameters["sort"].flatMap { Sort(rawValue: $0) } ?? fallback
        page = parameters["page"].flatMap { Int($0) }.map { max(1, $0) } ?? 1
        self.extra = extra
    }

    var listRequest: ListRequest<Sort> { ListRequest(search: search, sort: sort, page: page, perPage: Self.perPage) }

    /// A link to this list with one thing changed.
    func link(path: String, sort: Sort? = nil, page: Int? = nil) -> String {
        var pairs = extra
        if !search.isEmpty { pairs.append(("q", search)) }
        pairs.append(("sort", (sort ?? self.sort).rawValue))
        if let page, page > 1 { pairs.append(("page", String(page))) }
        return path + "?" + pairs.map { "\($0.name)=\(URLText.component($0.value))" }.joined(separator: "&")
    }
}

/// Text made safe for one part of a URL a page links to.
enum URLText {
    /// Percent-encodes everything but unreserved characters: a path segment or a query value.
    static func component(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-_.~"))) ?? ""
    }
}

/// The controls under and above a long list: sort choices, page links, "51–100 of 500".
struct ListControls {
    struct SortOption {
        let value: String
        let label: String
        let selected: Bool
    }

    /// A query parameter the search form carries along (`shelf=archived`).
    struct Hidden {
        let name: String
        let value: String
    }

    let searchLabel: String
    let hidden: [Hidden]
    let search: String
    let sorts: [SortOption]
    let summary: String
    let hasPrevious: Bool
    let previousURL: String
    let hasNext: Bool
    let nextURL: String
    let pageText: String
    let hasPages: Bool

    init<Sort, Row>(path: String, query: ListQuery<Sort>, page: ListPage<Row>, labels: [Sort: String], searchLabel: String) {
        self.searchLabel = searchLabel
        hidden = query.extra.map { Hidden(name: $0.name, value: $0.value) }
        search = query.search
        sorts = Sort.allCases.map { SortOption(value: $0.rawValue, label: labels[$0] ?? $0.rawValue, selected: $0 == query.sort) }
        let first = page.total == 0 ? 0 : (page.page - 1) * page.perPage + 1
        let last = (page.page - 1) * page.perPage + page.rows.count
        summary = page.total == 0 ? "" : "\(first)–\(last) of \(page.total)"
        hasPrevious = page.page > 1
        previousURL = query.link(path: path, page: page.page - 1)
        hasNext = page.page < page.pageCount
        nextURL = query.link(path: path, page: page.page + 1)
        pageText = "Page \(page.page) of \(page.pageCount)"
        hasPages = page.pageCount > 1
    }
}

/// Reads the query string of a GET form.
enum ListQueryFormFields {
    /// A GET form's fields as a browser sends them: a space is `+`, a literal plus `%2B`.
    static func read(_ query: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (text: Substring) in text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            if let name = parts.first, fields[decode(name)] == nil {
                fields[decode(name)] = parts.count > 1 ? decode(parts[1]) : ""
            }
        }
        return fields
    }
}
