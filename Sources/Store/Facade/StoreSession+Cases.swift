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

    public func `case`(number: Int64) throws -> Case? {
        try CaseRecord.fetchOne(db, key: number)?.domain
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
