import Foundation
import Logging
import Mediation
import Store

/// Scheduler: the rooms' clock. Sends the reminders 7 days and 1 day before each open
/// case's deadline, and closes the room at the deadline with the closing notice.
///
/// Reads: open cases, and `clock_events` (what the clock already did). Writes, for each
/// case in one transaction: the notice posts with one delivery per active participant,
/// and the `clock_events` rows that make each event happen once per deadline. A run after
/// a long gap (the gateway was down, cycles were skipped) does everything that fell due, but
/// sends only the latest reminder: two reminders at once would only be noise; the earlier
/// one is recorded as skipped. An extension sets a new deadline, so its reminders are armed
/// afresh (`armReminders`), minus any already past.
///
/// On failure: that case's transaction rolls back and the next run does it again; the other
/// cases still run.
public struct Scheduler: Sendable {
    let context: GatewayContext

    public init(context: GatewayContext) {
        self.context = context
    }

    /// What one run did.
    public struct Summary: Sendable, Equatable {
        public var reminders = 0
        public var closed = 0
        public var failed = 0
    }

    public func run() throws -> Summary {
        let now = context.clock.now
        var summary = Summary()
        for caseRecord in try context.store.read({ try $0.openCases() }) {
            do {
                let done = try context.store.write { session in
                    try tick(caseNumber: caseRecord.number, session: session, now: now)
                }
                summary.reminders += done.reminders
                summary.closed += done.closed
            } catch {
                summary.failed += 1
                context.logger.error("scheduler: case \(caseRecord.number): \(error)")
            }
        }
        return summary
    }

    /// The clock of one case, inside the caller's transaction.
    func tick(caseNumber: Int64, session: StoreSession, now: Date) throws -> Summary {
        var done = Summary()
        guard let caseRecord = try session.case(number: caseNumber), caseRecord.state == .open else { return done }
        let deadline = caseRecord.deadline
        if now >= deadline {
            guard try session.recordClockEvent(caseNumber: caseNumber, kind: .close, deadline: deadline,
                                               outcome: .sent, at: now) else { return done }
            try RoomClosing(context: context, session: session, now: now).close(caseRecord, settled: false)
            try AuditNote(context: context, session: session, now: now)
                .note(caseNumber: caseNumber, event: "clock.close", detail: ["deadline": Self.iso(deadline)])
            done.closed = 1
            return done
        }
        let due = Self.dueReminders(deadline: deadline, openedAt: caseRecord.openedAt, now: now)
        guard let latest = due.last else { return done }
        for lead in due.dropLast() {
            try session.recordClockEvent(caseNumber: caseNumber, kind: Self.kind(lead), deadline: deadline,
                                         outcome: .skipped, at: now)
        }
        guard try session.recordClockEvent(caseNumber: caseNumber, kind: Self.kind(latest), deadline: deadline,
                                           outcome: .sent, at: now) else { return done }
        let participants = try session.participants(caseNumber: caseNumber).filter(\.isActive)
        let room = try session.room(caseNumber: caseNumber)
        let daysLeft = Int((deadline.timeIntervalSince(now) / 86_400).rounded(.up))
        try context.postOffice.notice(
            "room_reminder", context: ["days_left": daysLeft, "one_day_left": daysLeft <= 1],
            to: participants, in: room, session: session, at: now)
        try AuditNote(context: context, session: session, now: now)
            .note(caseNumber: caseNumber, event: "clock.reminder",
                  detail: ["deadline": Self.iso(deadline), "lead_days": String(latest)])
        done.reminders = 1
        return done
    }

    /// The reminder leads (7, 1) whose instant has come for this deadline, earliest first.
    /// A reminder that would fall before the room opened is never due.
    static func dueReminders(deadline: Date, openedAt: Date, now: Date) -> [Int] {
        RoomClock.reminderLeadDays.filter { lead in
            let dueAt = deadline.addingTimeInterval(-Double(lead) * 86_400)
            return dueAt > openedAt && dueAt <= now
        }
    }

    /// After an extension: the new deadline's reminders whose instant is already past are
    /// recorded as skipped, so the room is not told "7 days left" when more remain. Called in
    /// the transaction that moves the deadline.
    static func armReminders(caseNumber: Int64, deadline: Date, openedAt: Date, session: StoreSession, now: Date) throws {
        for lead in dueReminders(deadline: deadline, openedAt: openedAt, now: now) {
            try session.recordClockEvent(caseNumber: caseNumber, kind: kind(lead), deadline: deadline,
                                         outcome: .skipped, at: now)
        }
    }

    static func kind(_ lead: Int) -> ClockEventRecord.Kind {
        lead >= 7 ? .reminder7 : .reminder1
    }

    static func iso(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }
}
