import Foundation
import GRDB
import Mediation

/// A row of `cases`; the domain's `Case` plus when it closed.
struct CaseRecord: StoreRecord {
    static let databaseTableName = "cases"
    enum Columns {
        static let number = Column("number")
        static let state = Column("state")
        static let deadline = Column("deadline")
    }

    var number: Int64?
    var title: String
    var companyName: String
    var state: Case.State
    var language: Language
    var openedAt: Date
    var deadline: Date
    var settled: Bool?
    var closedAt: Date?

    mutating func didInsert(_ inserted: InsertionSuccess) { number = inserted.rowID }

    var domain: Case {
        Case(number: number ?? 0, title: title, companyName: companyName, state: state,
             openedAt: openedAt, deadline: deadline, language: language, settled: settled)
    }
}
