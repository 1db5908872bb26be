import Testing

@testable import LabelbenchCore

/// Formula injection: a spreadsheet runs a cell that starts with = + - @, and also one that starts
/// with a tab or a carriage return (it drops the whitespace and reads the formula after it).
@Suite struct CSVCellTests {
    @Test(arguments: ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1+1", "\r=1+1"])
    func aCellThatASpreadsheetWouldRunIsNeutralized(_ value: String) {
        #expect(CSVCell.quote(value) == "\"'" + value + "\"")
    }

    @Test func otherCellsAreOnlyQuoted() {
        #expect(CSVCell.quote("plain, \"quoted\"") == "\"plain, \"\"quoted\"\"\"")
        #expect(CSVCell.quote(" =1") == "\" =1\"")
        #expect(CSVCell.quote("") == "\"\"")
        #expect(CSVCell.row(["a", "=b"]) == "\"a\",\"'=b\"\r\n")
    }
}
