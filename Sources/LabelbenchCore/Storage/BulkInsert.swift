import GRDB
import GRDBSQLite

/// One prepared INSERT run row after row, with each value bound straight to SQLite.
///
/// GRDB's `execute(arguments:)` boxes every value of every row into `DatabaseValue`s first; in a
/// 100k-item import that boxing took longer than SQLite's own work (0.5 s of a 0.8 s insert).
/// Values are bound the way GRDB binds them, so rows read back exactly as before.
struct BulkInsert {
    private let db: Database
    private let statement: Statement
    private let sqlite: SQLiteStatement

    init(_ db: Database, sql: String) throws {
        self.db = db
        statement = try db.makeStatement(sql: sql)
        sqlite = statement.sqliteStatement
    }

    /// Binds the row's values in column order (1-based in SQLite) and inserts it.
    func insert(_ values: BulkValue...) throws {
        sqlite3_reset(sqlite)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .null: code = sqlite3_bind_null(sqlite, index)
            case .integer(let number): code = sqlite3_bind_int64(sqlite, index, number)
            case .real(let number): code = sqlite3_bind_double(sqlite, index, number)
            case .text(let text): code = sqlite3_bind_text(sqlite, index, text, -1, transient)
            }
            guard code == SQLITE_OK else { throw error(code) }
        }
        let code = sqlite3_step(sqlite)
        guard code == SQLITE_DONE else {
            sqlite3_reset(sqlite)
            throw error(code)
        }
    }

    private func error(_ code: Int32) -> DatabaseError {
        // The extended code names the constraint kind (SQLITE_CONSTRAINT_UNIQUE, …) callers match on.
        DatabaseError(
            resultCode: ResultCode(rawValue: sqlite3_extended_errcode(db.sqliteConnection)),
            message: db.lastErrorMessage, sql: statement.sql)
    }

    /// SQLite copies the text before `bind` returns, so Swift's temporary C string can go.
    private var transient: sqlite3_destructor_type { unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self) }
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
