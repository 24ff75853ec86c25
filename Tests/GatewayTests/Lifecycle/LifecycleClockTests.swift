import Foundation
import MIME
import Mediation
import Store
import Testing
@testable import Gateway

@Suite("The rooms' clock")
struct LifecycleClockTests {
    @Test func remindsSevenDaysAndOneDayBeforeAndClosesAtTheDeadlineEachOnce() async throws {
        let gateway = try await LifecycleHarness(consumers: 3)
        let deadline = gateway.caseRecord.deadline
        let everyone = [gateway.mediator, gateway.company] + gateway.consumers

        gateway.clock.set(deadline.addingTimeInterval(-7 * 86_400 - 1))
        #expect(try gateway.tick() == Scheduler.Summary())

        gateway.clock.set(deadline.addingTimeInterval(-7 * 86_400))
        #expect(try gateway.tick().reminders == 1)
        #expect(try gateway.tick().reminders == 0, "a second run at the same time sends nothing")
        let first = try gateway.dispatch()
        #expect(first.count == everyone.count)
        for participant in everyone {
            let copy = try #require(first.to(participant.originalAddress).first)
            #expect(copy.subject?.contains("Rappel : la salle de médiation ferme le") == true)
            #expect(copy.text?.contains("dans 7 jours") == true)
        }

        gateway.clock.set(deadline.addingTimeInterval(-86_400 + 60))
        #expect(try gateway.tick().reminders == 1)
        let second = try gateway.dispatch()
        #expect(second.count == everyone.count)
        #expect(second.allSatisfy { $0.message.text?.contains("dans moins d'un jour") == true })

        gateway.clock.set(deadline.addingTimeInterval(-1))
        #expect(try gateway.tick() == Scheduler.Summary(), "nothing between the last reminder and the deadline")

        gateway.clock.set(deadline)
        #expect(try gateway.tick().closed == 1)
        #expect(try gateway.store.read { try $0.case(number: gateway.caseRecord.number) }?.state == .closed)
        let closing = try gateway.dispatch()
        #expect(closing.count == everyone.count)
        #expect(closing.allSatisfy { $0.message.subject?.contains("La salle de médiation est fermée") == true })

        gateway.clock.advance(days: 3)
        #expect(try gateway.tick() == Scheduler.Summary())
        let kinds = try gateway.store.read { try $0.clockEvents(caseNumber: gateway.caseRecord.number) }
            .map { "\($0.kind.rawValue):\($0.outcome.rawValue)" }
        #expect(kinds == ["reminder_7:sent", "reminder_1:sent", "close:sent"])
    }

    @Test func afterSkippedCyclesOnlyTheLatestReminderGoesOut() async throws {
        let gateway = try await LifecycleHarness(consumers: 2)
        let deadline = gateway.caseRecord.deadline
        gateway.clock.set(deadline.addingTimeInterval(-12 * 3_600))
        #expect(try gateway.tick().reminders == 1)
        let sent = try gateway.dispatch()
        #expect(sent.count == 4, "one reminder each, not two")
        #expect(sent.allSatisfy { $0.message.text?.contains("moins d'un jour") == true })
        let kinds = try gateway.store.read { try $0.clockEvents(caseNumber: gateway.caseRecord.number) }
            .map { "\($0.kind.rawValue):\($0.outcome.rawValue)" }
        #expect(kinds == ["reminder_7:skipped", "reminder_1:sent"])
    }

    @Test func aGatewayDownPastTheDeadlineClosesWithoutLateReminders() async throws {
        let gateway = try await LifecycleHarness(consumers: 2)
        gateway.clock.set(gateway.caseRecord.deadline.addingTimeInterval(5 * 86_400))
        let done = try gateway.tick()
        #expect(done.closed == 1 && done.reminders == 0)
        let sent = try gateway.dispatch()
        #expect(sent.count == 4)
        #expect(sent.allSatisfy { $0.message.subject?.contains("fermée") == true })
    }

    @Test func anExtensionRearmsTheRemindersForTheNewDeadline() async throws {
        let gateway = try await LifecycleHarness(consumers: 2)
        let deadline = gateway.caseRecord.deadline
        gateway.clock.set(deadline.addingTimeInterval(-7 * 86_400))
        #expect(try gateway.tick().reminders == 1)
        try gateway.dispatch()

        gateway.clock.set(deadline.addingTimeInterval(-2 * 86_400))
        try gateway.receive(from: gateway.mediator.originalAddress, to: try gateway.roomAddress(gateway.mediator), text: "/extend 10")
        let newDeadline = deadline.addingTimeInterval(10 * 86_400)
        #expect(try gateway.store.read { try $0.case(number: gateway.caseRecord.number) }?.deadline == newDeadline)
        #expect(try gateway.dispatch().contains { $0.message.subject?.contains("prolongée") == true })

        gateway.clock.set(deadline)
        #expect(try gateway.tick() == Scheduler.Summary(), "the old deadline no longer closes the room")
        gateway.clock.set(newDeadline.addingTimeInterval(-7 * 86_400))
        #expect(try gateway.tick().reminders == 1, "the new deadline has its own reminders")
        gateway.clock.set(newDeadline)
        #expect(try gateway.tick().closed == 1)
    }

    @Test func anExtensionThatLeavesLessThanAWeekDoesNotSendALateSevenDayReminder() async throws {
        let gateway = try await LifecycleHarness(consumers: 1)
        let deadline = gateway.caseRecord.deadline
        gateway.clock.set(deadline.addingTimeInterval(-2 * 86_400))
        #expect(try gateway.tick().reminders == 1, "the 7-day reminder, late but once")
        try gateway.dispatch()
        try gateway.receive(from: gateway.mediator.originalAddress, to: try gateway.roomAddress(gateway.mediator), text: "/extend 3")
        try gateway.dispatch()
        #expect(try gateway.tick() == Scheduler.Summary(), "5 days left: no reminder is due for the new deadline yet")
        gateway.clock.set(deadline.addingTimeInterval(2 * 86_400))
        #expect(try gateway.tick().reminders == 1, "the 1-day reminder of the new deadline")
        let kinds = try gateway.store.read { try $0.clockEvents(caseNumber: gateway.caseRecord.number) }
            .map { "\($0.kind.rawValue):\($0.outcome.rawValue)" }
        #expect(kinds == ["reminder_7:sent", "reminder_7:skipped", "reminder_1:sent"])
    }

    @Test func anExtensionPastTheLegalMaximumIsRefused() async throws {
        let gateway = try await LifecycleHarness(consumers: 1)
        try gateway.receive(from: gateway.mediator.originalAddress, to: try gateway.roomAddress(gateway.mediator), text: "/extend 61")
        #expect(try gateway.store.read { try $0.case(number: gateway.caseRecord.number) }?.deadline == gateway.caseRecord.deadline)
        let answer = try #require(try gateway.dispatch().to(gateway.mediator.originalAddress).first)
        #expect(answer.text?.contains("90 jours") == true)
    }

    @Test func mailAfterTheCloseGetsTheClosingNoticeOncePerDayAndIsHeld() async throws {
        let gateway = try await LifecycleHarness(consumers: 2)
        gateway.clock.set(gateway.caseRecord.deadline.addingTimeInterval(3_600))
        try gateway.tick()
        try gateway.dispatch()
        let consumer = gateway.consumers[0]
        for text in ["Encore une question ?", "Et une autre."] {
            try gateway.receive(from: consumer.originalAddress, to: try gateway.roomAddress(consumer), text: text)
        }
        let sent = try gateway.dispatch()
        #expect(sent.count == 1, "one notice, to the sender only, nothing relayed")
        #expect(sent.first?.to == consumer.originalAddress)
        #expect(sent.first?.message.subject?.contains("fermée") == true)
        let held = try gateway.store.read { try $0.heldMessages() }.map(\.reason)
        #expect(held == [.caseClosed, .caseClosed])
        gateway.clock.advance(days: 1)
        try gateway.receive(from: consumer.originalAddress, to: try gateway.roomAddress(consumer), text: "Le lendemain.")
        #expect(try gateway.dispatch().count == 1, "a new day, a new notice")
    }

    @Test func clockEventsAreInTheCaseRecordAndTheChainVerifies() async throws {
        let gateway = try await LifecycleHarness(consumers: 1)
        gateway.clock.set(gateway.caseRecord.deadline.addingTimeInterval(-86_400))
        try gateway.tick()
        gateway.clock.set(gateway.caseRecord.deadline)
        try gateway.tick()
        let kinds = try gateway.store.read { try $0.auditEvents(caseNumber: gateway.caseRecord.number) }.lifecycle.map(\.kind)
        #expect(kinds == ["clock.reminder", "clock.close"])
        guard case .success = try CaseAudit.verify(caseNumber: gateway.caseRecord.number, store: gateway.store) else {
            Issue.record("the chain does not verify")
            return
        }
    }
}
