import Foundation

/// How long a case's mediation room stays open, and what falls due as time passes.
///
/// The room opens for `roomDays` (30 by default, Truce's choice) and the mediator may extend
/// it, up to `maxDays` after opening (90 by default: R612-5 gives the outcome 90 days).
/// A day is 24 hours from the opening instant, so the room closes at the time of day it
/// opened (one hour off local time across a daylight-saving change).
///
/// Reminders fall 7 days and 1 day before the deadline; the close falls at the deadline.
public struct RoomClock: Sendable, Hashable, Codable {
    public static let defaultRoomDays = 30
    /// R612-5: the outcome of a consumer mediation is due within 90 days of opening.
    public static let legalMaxDays = 90
    /// Days before the deadline at which parties are reminded, earliest first.
    public static let reminderLeadDays = [7, 1]
    static let secondsPerDay: TimeInterval = 86_400

    public let openedAt: Date
    public let roomDays: Int
    public private(set) var extensionDays: Int
    public let maxDays: Int

    /// - Precondition: `0 < roomDays`, `roomDays + extensionDays <= maxDays`.
    public init(openedAt: Date, roomDays: Int = RoomClock.defaultRoomDays, extensionDays: Int = 0,
                maxDays: Int = RoomClock.legalMaxDays) {
        precondition(roomDays > 0 && extensionDays >= 0 && roomDays + extensionDays <= maxDays,
                     "A room is open at least a day and at most its maximum")
        self.openedAt = openedAt
        self.roomDays = roomDays
        self.extensionDays = extensionDays
        self.maxDays = maxDays
    }

    /// Days the room is open in all, extensions included.
    public var openDays: Int { roomDays + extensionDays }

    /// The instant the room closes.
    public var deadline: Date { openedAt.addingTimeInterval(Double(openDays) * Self.secondsPerDay) }

    /// Days the mediator may still add.
    public var remainingExtensionDays: Int { maxDays - openDays }

    /// The events that fell due after `last` and up to and including `now`, in order.
    ///
    /// Successive calls with contiguous intervals yield each event exactly once, however long
    /// the gap between them: a run after several boundaries yields every missed event. A
    /// reminder is not sent once the room has closed (`now` at or after the deadline), nor
    /// if it would have fallen before the room opened.
    public func events(between last: Date, and now: Date) -> [ClockEvent] {
        guard last < now else { return [] }
        let deadline = self.deadline
        func isDue(_ instant: Date) -> Bool { last < instant && instant <= now }
        var events: [ClockEvent] = []
        if now < deadline {
            for lead in Self.reminderLeadDays {
                let dueAt = deadline.addingTimeInterval(-Double(lead) * Self.secondsPerDay)
                if dueAt > openedAt && isDue(dueAt) {
                    events.append(ClockEvent(kind: .reminder(daysLeft: lead), dueAt: dueAt, deadline: deadline))
                }
            }
        }
        if isDue(deadline) {
            events.append(ClockEvent(kind: .close, dueAt: deadline, deadline: deadline))
        }
        return events
    }

    /// Adds days to the room, as the mediator may for a complex case (and must then tell the
    /// parties). Refuses a number that is not positive or that would pass `maxDays`.
    public mutating func extend(by days: Int) throws(RoomExtensionRefusal) {
        guard days > 0 else { throw .notAPositiveNumber(days) }
        guard days <= remainingExtensionDays else {
            throw .beyondLimit(requested: days, openDays: openDays, maxDays: maxDays)
        }
        extensionDays += days
    }
}
