import GRDB
import GRDBSQLite

/// Rows inserted into one table many at a time, with each value bound straight to SQLite.
///
/// Two costs dominated a 100k-item import before this: GRDB's `execute(arguments:)` boxing every
/// value into `DatabaseValue`s, and SQLite setting up the statement (cursors on the table and each
/// index) once per row. Rows are buffered and written `batchRows` at a time by one multi-row
/// INSERT. When such a statement fails, SQLite undoes all of it and the batch is run again row by
/// row, so the error names the exact row, carried as its `Row` tag.
struct BulkInsert<Row: Sendable> {
    /// The row that broke a constraint, with SQLite's error.
    struct Failure: Error {
        let row: Row
        let error: DatabaseError
    }

    private let db: Database
    private let single: Statement
    private let batch: Statement
    private let columns: Int
    private let batchRows: Int
    private var pending: [(row: Row, values: [BulkValue])] = []

    init(_ db: Database, table: String, columns: [String], batchRows: Int = 64) throws {
        self.db = db
        self.columns = columns.count
        self.batchRows = batchRows
        let tuple = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        let prefix = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
        single = try db.makeStatement(sql: prefix + tuple)
        batch = try db.makeStatement(sql: prefix + Array(repeating: tuple, count: batchRows).joined(separator: ", "))
        pending.reserveCapacity(batchRows)
    }

    /// Adds a row (values in column order); may write a full batch and throw a `Failure` for it.
    mutating func append(_ row: Row, _ values: BulkValue...) throws {
        precondition(values.count == columns, "one value per column")
        pending.append((row, values))
        if pending.count == batchRows { try flush() }
    }

    /// Writes the rows still buffered. Call it before reading the table or ending the transaction.
    mutating func flush() throws {
        defer { pending.removeAll(keepingCapacity: true) }
        if pending.count == batchRows {
            let statement = batch.sqliteStatement
            sqlite3_reset(statement)
            for (rowIndex, entry) in pending.enumerated() {
                try bind(entry.values, to: statement, from: Int32(rowIndex * columns + 1))
            }
            if sqlite3_step(statement) == SQLITE_DONE { return }
            sqlite3_reset(statement)
        }
        // A short last batch, or a batch SQLite refused: one statement per row.
        let statement = single.sqliteStatement
        for entry in pending {
            sqlite3_reset(statement)
            try bind(entry.values, to: statement, from: 1)
            let code = sqlite3_step(statement)
            guard code == SQLITE_DONE else {
                sqlite3_reset(statement)
                throw Failure(row: entry.row, error: error(code))
            }
        }
    }

    private func bind(_ values: [BulkValue], to statement: SQLiteStatement, from first: Int32) throws {
        for (offset, value) in values.enumerated() {
            let index = first + Int32(offset)
            let code: Int32
            switch value {
            case .null: code = sqlite3_bind_null(statement, index)
            case .integer(let number): code = sqlite3_bind_int64(statement, index, number)
            case .real(let number): code = sqlite3_bind_double(statement, index, number)
            // As GRDB binds text; SQLite copies it before `bind` returns.
            case .text(let text): code = sqlite3_bind_text(statement, index, text, -1, transient)
            }
            guard code == SQLITE_OK else { throw error(code) }
        }
    }

    private func error(_ code: Int32) -> DatabaseError {
        // The extended code names the constraint kind (SQLITE_CONSTRAINT_UNIQUE, …) callers match on.
        DatabaseError(
            resultCode: ResultCode(rawValue: sqlite3_extended_errcode(db.sqliteConnection)),
            message: db.lastErrorMessage, sql: single.sql)
    }

    private var transient: sqlite3_destructor_type {
        unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
    }
}

/// A value bound by `BulkInsert`.
enum BulkValue {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    static func text(_ value: String?) -> BulkValue { value.map { .text($0) } ?? .null }
    static func integer(_ value: Int64?) -> BulkValue { value.map { .integer($0) } ?? .null }
    static func integer(_ value: Int?) -> BulkValue { value.map { .integer(Int64($0)) } ?? .null }
}
