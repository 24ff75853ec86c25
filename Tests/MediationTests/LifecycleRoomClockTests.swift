import Foundation
import Testing
@testable import Mediation

@Suite("Room clock: deadline, reminders, close, extensions")
struct LifecycleRoomClockTests {
    static let opened = Date(timeIntervalSince1970: 1_795_863_600)
    static let day: TimeInterval = 86_400
    let clock = RoomClock(openedAt: LifecycleRoomClockTests.opened)

    func at(_ days: Double, _ seconds: TimeInterval = 0) -> Date {
        Self.opened.addingTimeInterval(days * Self.day + seconds)
    }

    func kinds(_ events: [ClockEvent]) -> [ClockEvent.Kind] { events.map(\.kind) }

    @Test func opensForThirtyDays() {
        #expect(clock.deadline == at(30))
        #expect(clock.openDays == 30)
        #expect(clock.remainingExtensionDays == 60)
    }

    @Test("Each boundary: nothing one second before, due at, not again after", arguments: [
        (23.0, ClockEvent.Kind.reminder(daysLeft: 7)), (29.0, .reminder(daysLeft: 1)), (30.0, .close),
    ])
    func boundary(days: Double, kind: ClockEvent.Kind) {
        let boundary = at(days)
        // A cycle that ends one second before the boundary: not yet.
        #expect(clock.events(between: at(days, -2), and: at(days, -1)).isEmpty)
        // The cycle that reaches it exactly: due, once.
        let due = clock.events(between: at(days, -1), and: boundary)
        #expect(kinds(due) == [kind])
        #expect(due.first?.dueAt == boundary)
        // The next cycle, one second after: already given.
        #expect(clock.events(between: boundary, and: at(days, 1)).isEmpty)
        // A cycle that starts before and ends after: due.
        #expect(kinds(clock.events(between: at(days, -1), and: at(days, 1))) == [kind])
    }

    @Test func contiguousCyclesGiveEveryEventExactlyOnce() {
        var last = Self.opened
        var seen: [ClockEvent.Kind] = []
        // An hourly cycle, with an irregular step, across the whole room and beyond.
        var step: TimeInterval = 3_600
        while last < at(32) {
            let now = last.addingTimeInterval(step)
            seen += kinds(clock.events(between: last, and: now))
            last = now
            step = step == 3_600 ? 1_777 : 3_600
        }
        #expect(seen == [.reminder(daysLeft: 7), .reminder(daysLeft: 1), .close])
    }

    @Test func aSkippedCycleYieldsTheMissedEventsInOrder() {
        #expect(kinds(clock.events(between: at(22), and: at(29, 60))) == [.reminder(daysLeft: 7), .reminder(daysLeft: 1)])
    }

    @Test func remindersAreNotSentAfterTheClose() {
        #expect(kinds(clock.events(between: at(22), and: at(30))) == [.close])
        #expect(kinds(clock.events(between: at(1), and: at(45))) == [.close])
        #expect(clock.events(between: at(30), and: at(45)).isEmpty)
    }

    @Test func aBackwardsOrEmptyIntervalYieldsNothing() {
        #expect(clock.events(between: at(31), and: at(22)).isEmpty)
        #expect(clock.events(between: at(30), and: at(30)).isEmpty)
    }

    @Test func aShortRoomSkipsRemindersBeforeItOpened() {
        let short = RoomClock(openedAt: Self.opened, roomDays: 5)
        #expect(kinds(short.events(between: at(-1), and: at(5))) == [.close])
        #expect(kinds(short.events(between: at(-1), and: at(4, 1))) == [.reminder(daysLeft: 1)])
    }

    @Test func anExtensionMovesTheCloseAndTheReminders() throws {
        var extended = clock
        try extended.extend(by: 10)
        #expect(extended.deadline == at(40))
        #expect(extended.events(between: at(29), and: at(31)).isEmpty)
        let reminder = extended.events(between: at(32), and: at(33))
        #expect(kinds(reminder) == [.reminder(daysLeft: 7)])
        #expect(reminder.first?.deadline == at(40))
    }

    @Test func extensionsStopAtNinetyDays() throws {
        var extended = clock
        try extended.extend(by: 50)
        #expect(throws: RoomExtensionRefusal.beyondLimit(requested: 11, openDays: 80, maxDays: 90)) {
            try extended.extend(by: 11)
        }
        #expect(extended.openDays == 80)
        try extended.extend(by: 10)
        #expect(extended.deadline == at(90))
        #expect(throws: RoomExtensionRefusal.beyondLimit(requested: 1, openDays: 90, maxDays: 90)) {
            try extended.extend(by: 1)
        }
        #expect(throws: RoomExtensionRefusal.notAPositiveNumber(0)) { try extended.extend(by: 0) }
    }

    @Test func theRefusalExplainsTheLimitInBothLanguages() {
        let refusal = RoomExtensionRefusal.beyondLimit(requested: 70, openDays: 30, maxDays: 90)
        #expect(refusal.sentence(language: "fr").contains("plus de 90 jours"))
        #expect(refusal.sentence(language: "fr").contains("R612-5"))
        #expect(refusal.sentence(language: "fr").contains("au plus 60 jours"))
        #expect(refusal.sentence(language: "en").contains("at most 60 days"))
        #expect(RoomExtensionRefusal.beyondLimit(requested: 1, openDays: 90, maxDays: 90)
            .sentence(language: "en").contains("No further extension is possible."))
    }
}
