import Foundation
import GRDB
import Mediation

extension StoreSession {
    /// Every open case, for the Scheduler.
    public func openCases() throws -> [Case] {
        try CaseRecord.filter(CaseRecord.Columns.state == Case.State.open.rawValue)
            .order(CaseRecord.Columns.number).fetchAll(db).map(\.domain)
    }

    /// Records a clock event for a case and deadline. Returns false when it was already
    /// recorded, so each event happens once per deadline whatever runs the clock.
    @discardableResult
    public func recordClockEvent(
        caseNumber: Int64, kind: ClockEventRecord.Kind, deadline: Date, outcome: ClockEventRecord.Outcome, at date: Date
    ) throws -> Bool {
        var record = ClockEventRecord(caseNumber: caseNumber, kind: kind, deadline: deadline, outcome: outcome, recordedAt: date)
        try record.insert(db, onConflict: .ignore)
        return db.changesCount > 0
    }

    /// The clock events of a case, oldest first.
    public func clockEvents(caseNumber: Int64) throws -> [ClockEventRecord] {
        try ClockEventRecord.filter(Column("case_number") == caseNumber).order(Column("id")).fetchAll(db)
    }

    public func hasClockEvent(caseNumber: Int64, kind: ClockEventRecord.Kind, deadline: Date) throws -> Bool {
        try ClockEventRecord.filter(Column("case_number") == caseNumber && Column("kind") == kind.rawValue
                                    && Column("deadline") == deadline).fetchCount(db) > 0
    }
}
