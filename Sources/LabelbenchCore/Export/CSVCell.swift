/// CSV cells for spreadsheets: quoted, and neutralized when a spreadsheet would run them as a formula.
enum CSVCell {
    static func quote(_ value: String) -> String {
        var text = value
        if let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            text = "'" + text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func row(_ values: [String]) -> String {
        values.map(quote).joined(separator: ",") + "\r\n"
    }
}
