import Foundation
import Mediation
import Store
import Testing
@testable import Gateway

@Suite("Commands are in the case's audit chain")
struct CommandAuditTests {
    @Test func everyCommandIsRecordedWithItsAuthorAndWhetherTheirRoleMayUseIt() async throws {
        let gateway = try await LifecycleHarness(consumers: 1)
        let consumer = gateway.consumers[0]
        try gateway.receive(from: consumer.originalAddress, to: try gateway.roomAddress(consumer), text: "/close")
        try gateway.receive(from: gateway.mediator.originalAddress, to: try gateway.roomAddress(gateway.mediator),
                            text: "/extend 5")
        let events = try gateway.store.read { try $0.auditEvents(caseNumber: gateway.caseRecord.number) }.lifecycle
        #expect(events.map(\.kind) == ["command.received", "command.received"])
        #expect(events[0].payload == #"{"allowed":"no","author":"\#(consumer.id)","command":"/close"}"#)
        #expect(events[1].payload == #"{"allowed":"yes","author":"\#(gateway.mediator.id)","command":"/extend"}"#)
        #expect(try gateway.store.read { try $0.case(number: gateway.caseRecord.number) }?.state == .open)
        guard case .success = try CaseAudit.verify(caseNumber: gateway.caseRecord.number, store: gateway.store) else {
            Issue.record("the audit chain does not verify")
            return
        }
    }
}
