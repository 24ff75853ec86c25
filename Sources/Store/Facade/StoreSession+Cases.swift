import Foundation
import GRDB
import Mediation

extension StoreSession {
    /// Opens a case with its room and its notes.
    public func createCase(
        title: String, companyName: String, language: Language, openedAt: Date,
        roomDays: Int = Case.defaultRoomDays
    ) throws -> Case {
        var record = CaseRecord(
            title: title, companyName: companyName, state: .open, language: language, openedAt: openedAt,
            deadline: Case.deadline(openedAt: openedAt, roomDays: roomDays))
        try record.insert(db)
        let number = record.number!
        for kind in [Channel.Kind.room, .notes] {
            var channel = ChannelRecord(caseNumber: number, kind: kind, createdAt: openedAt)
            try channel.insert(db)
        }
        return record.domain
    }

    /// Read with a cached statement and decoded column by column: Intake asks for the case of
    /// every message, and the generic record decoding cost more than the query.
    public func `case`(number: Int64) throws -> Case? {
        let statement = try db.cachedStatement(sql: """
            SELECT number, title, company_name, state, language, opened_at, deadline, settled, closed_at
            FROM cases WHERE number = ?
            """)
        guard let row = try Row.fetchOne(statement, arguments: [number]) else { return nil }
        guard let state = Case.State(rawValue: row[3]), let language = Language(rawValue: row[4]) else {
            return try CaseRecord(row: row).domain  // says what is wrong with the row
        }
        return Case(number: row[0], title: row[1], companyName: row[2], state: state, openedAt: row[5],
                    deadline: row[6], language: language, settled: row[7])
    }

    /// Every case, newest first.
    public func cases() throws -> [Case] {
        try CaseRecord.order(CaseRecord.Columns.number.desc).fetchAll(db).map(\.domain)
    }

    /// Open cases whose deadline has passed, for the Scheduler.
    public func openCases(deadlineBefore date: Date) throws -> [Case] {
        try CaseRecord.filter(CaseRecord.Columns.state == Case.State.open.rawValue && CaseRecord.Columns.deadline <= date)
            .fetchAll(db).map(\.domain)
    }

    public func closeCase(number: Int64, settled: Bool, at date: Date) throws {
        guard var record = try CaseRecord.fetchOne(db, key: number) else { throw StoreError.noSuchCase(number) }
        record.state = .closed
        record.settled = settled
        record.closedAt = date
        try record.update(db)
    }

    public func setDeadline(caseNumber: Int64, to deadline: Date) throws {
        guard var record = try CaseRecord.fetchOne(db, key: caseNumber) else { throw StoreError.noSuchCase(caseNumber) }
        record.deadline = deadline
        try record.update(db)
    }
}
