import Foundation

/// Which page of a long list a person asked for: a search, a sort, a page number.
public struct ListRequest<Sort: Sendable & Hashable>: Sendable, Hashable {
    /// Matched case-insensitively against task names and titles; empty matches everything.
    public var search: String
    public var sort: Sort
    /// 1-based; a page past the end is clamped to the last one.
    public var page: Int
    public var perPage: Int

    public init(search: String = "", sort: Sort, page: Int = 1, perPage: Int = 50) {
        self.search = String(search.trimmingCharacters(in: .whitespaces).prefix(200))
        self.sort = sort
        self.page = max(1, page)
        self.perPage = min(max(1, perPage), 500)
    }

    /// The SQL `LIKE` pattern for the search, with `%`, `_` and `\` taken literally.
    var likePattern: String {
        var escaped = ""
        for character in search {
            if character == "%" || character == "_" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return "%" + escaped + "%"
    }

    /// The offset of the page in a list of `total` rows, clamped to the last page.
    func offset(total: Int) -> Int {
        (min(page, ListPage<Int>.pageCount(total: total, perPage: perPage)) - 1) * perPage
    }
}

/// One page of rows and where it sits in the whole list.
public struct ListPage<Row: Sendable>: Sendable {
    public var rows: [Row]
    /// Rows matching the search on every page.
    public var total: Int
    public var page: Int
    public var perPage: Int

    public var pageCount: Int { Self.pageCount(total: total, perPage: perPage) }

    static func pageCount(total: Int, perPage: Int) -> Int { max(1, (total + perPage - 1) / perPage) }
}

extension ListPage {
    /// The page `request` asked for, clamped to the last one.
    init<Sort>(rows: [Row], total: Int, request: ListRequest<Sort>) {
        self.init(
            rows: rows, total: total, page: min(request.page, Self.pageCount(total: total, perPage: request.perPage)),
            perPage: request.perPage)
    }
}
