import Foundation
import Mediation
import Store
import Testing
@testable import Gateway

@Suite("Operator: what the operator sees")
struct OperatorViewTests {
    @Test func showListsParticipantsChannelsAndCounts() async throws {
        let fixture = try await OperatorFixture()
        let number = try fixture.openAcmeCase().caseRecord.number
        _ = try fixture.desk.addParticipants(caseNumber: number, [
            Newcomer(role: .consumer, party: PartyAddress(name: "Jeanne Petit", address: "jeanne@consumer.test"), language: .en),
        ])
        _ = try fixture.desk.openAside(caseNumber: number, with: ["Consumer 1"], subject: "Remboursement")
        let first = try #require(fixture.queued().first)
        try fixture.store.markFailed(deliveryID: first.delivery.id!, reply: "550 5.1.1 no such user", at: OperatorFixture.now)

        let summary = try fixture.desk.caseSummary(caseNumber: number)
        #expect(summary.participants.count == 5)
        #expect(summary.channels.map(\.kind) == [.room, .notes, .aside])
        #expect(summary.channels[0].posts == 2)
        #expect(summary.channels[2].members == ["Claire Martin", "Consommateur 1"])
        #expect(summary.outbox == ["queued": 6, "failed": 1, "sent": 0, "deferred": 0])

        let text = summary.text
        #expect(text.contains("Case \(number): Retards de livraison"))
        #expect(text.contains("Consommateur 1 / Consumer 1"))
        #expect(text.contains("jeanne@consumer.test"))
        #expect(text.contains("aside \"Remboursement\""))
        #expect(text.contains("queued 6, sent 0, deferred 0, failed 1"))

        let json = try OperatorJSON.string(summary)
        #expect(json.contains("\"public_name_en\" : \"Consumer 1\""))
        #expect(json.contains("\"deadline\" : \"2026-01-31T00:00:00Z\""))
    }

    @Test func aCrowdedRoomIsSummedUpOnOneLine() {
        let names = (1...2_000).map { "Consumer \($0)" }
        #expect(CaseSummary.shortList(Array(names.prefix(3))) == "Consumer 1, Consumer 2, Consumer 3")
        let line = CaseSummary.shortList(names)
        #expect(line.hasPrefix("Consumer 1, Consumer 2,"))
        #expect(line.hasSuffix("Consumer 10, … (2000 members)"))
    }

    @Test func listShowsOneLinePerCase() async throws {
        let fixture = try await OperatorFixture()
        _ = try fixture.openAcmeCase()
        _ = try fixture.desk.openCase(CaseDesk.CaseOpening(
            title: "Forfaits mobiles", company: [PartyAddress(name: "Telco", address: "legal@telco.test")],
            mediator: PartyAddress(name: "Paul Lenoir", address: "paul@mediator.test"), roomDays: 10))
        let lines = CaseDesk.text(try fixture.desk.caseList()).split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("case"))
        #expect(lines[1].hasPrefix("2 ") && lines[1].contains("open") && lines[1].contains("2026-01-11 00:00Z")
                && lines[1].hasSuffix("Forfaits mobiles"))
        #expect(lines[2].hasPrefix("1 ") && lines[2].contains(" 4 ") && lines[2].hasSuffix("Retards de livraison"))
    }

    @Test func notesShowDateSubjectExcerptAndAttachments() async throws {
        let fixture = try await OperatorFixture()
        let opened = try fixture.openAcmeCase()
        let number = opened.caseRecord.number
        let mediator = try #require(opened.participants.first { $0.role == .mediator })
        #expect(CaseDesk.text(try fixture.desk.caseNotes(caseNumber: number), caseNumber: number).contains("no notes yet"))
        try fixture.store.write { session in
            let notes = try session.notes(caseNumber: number)
            let post = Post(
                caseNumber: number, channelID: notes.id, authorID: mediator.id, kind: .note, subject: "Fwd: contrat",
                replyText: "Voici le contrat\nsigné par Acme.", fullText: "", createdAt: OperatorFixture.now)
            _ = try session.commitPost(
                post, attachments: [Attachment(filename: "contrat.pdf", contentType: "application/pdf", bytes: Data(count: 2048))],
                recipients: [], at: OperatorFixture.now) { _, _ in "x" }
        }
        let text = CaseDesk.text(try fixture.desk.caseNotes(caseNumber: number), caseNumber: number)
        #expect(text.contains("2026-01-01 00:00Z  Fwd: contrat"))
        #expect(text.contains("Voici le contrat signé par Acme."))
        #expect(text.contains("attachment: contrat.pdf (2 KB)"))
    }

    @Test func heldShowsReasonSenderCaseAndDetail() async throws {
        let fixture = try await OperatorFixture()
        let number = try fixture.openAcmeCase().caseRecord.number
        for (index, (reason, caseNumber)) in [(HoldReason.badToken, Int64?.some(number)), (.unknownSender, nil)].enumerated() {
            guard case let .new(inboundID) = try fixture.store.recordInbound(
                raw: Data("Subject: \(index)\r\n\r\nx".utf8), uidValidity: 1, uid: Int64(index + 1),
                messageID: "m\(index)@outsider.test", sha256: String(repeating: "\(index)", count: 64), receivedAt: OperatorFixture.now)
            else { Issue.record("not recorded"); return }
            try fixture.store.hold(inboundID: inboundID, reason: reason, detail: "detail \(index)",
                                   sender: "Someone\(index)@Outsider.test", caseNumber: caseNumber, at: OperatorFixture.now)
        }
        let all = CaseDesk.text(try fixture.desk.heldMessages())
        #expect(all.contains("unknown_sender"))
        #expect(all.contains("someone1@outsider.test"))
        let forCase = try fixture.desk.heldMessages(caseNumber: number)
        #expect(forCase.map(\.reason) == [.badToken])
        let text = CaseDesk.text(forCase)
        #expect(text.contains("bad_token") && text.contains("someone0@outsider.test") && text.contains("detail 0"))
        #expect(!text.contains("unknown_sender"))
        #expect(try OperatorJSON.string(forCase).contains("\"reason\" : \"bad_token\""))
    }

    @Test func outboxShowsDeliveriesWithRecipientsAndCounts() async throws {
        let fixture = try await OperatorFixture()
        let number = try fixture.openAcmeCase().caseRecord.number
        let queued = try fixture.queued()
        let retry = OperatorFixture.now.addingTimeInterval(600)
        try fixture.store.markSent(deliveryID: queued[0].delivery.id!, reply: "250 ok", at: OperatorFixture.now)
        try fixture.store.markDeferred(deliveryID: queued[1].delivery.id!, reply: "451 try later", retryAt: retry,
                                       at: OperatorFixture.now)

        let todo = try fixture.desk.outbox()
        #expect(todo.counts == ["queued": 2, "sent": 1, "deferred": 1, "failed": 0])
        #expect(todo.deliveries.map(\.delivery.state) == [.queued, .queued, .deferred])
        let text = CaseDesk.text(todo)
        #expect(text.hasPrefix("queued 2, sent 1, deferred 1, failed 0\n"))
        #expect(text.contains("Claire Martin <claire@mediator.test>"))
        #expect(text.contains("2026-01-01 00:10Z") && text.contains("451 try later"))

        let sent = try fixture.desk.outbox(state: .sent, caseNumber: number)
        #expect(sent.deliveries.map(\.delivery.id) == [queued[0].delivery.id])
        #expect(CaseDesk.text(sent).contains("250 ok"))
        let missing = try #require(throws: OperatorError.self) { try fixture.desk.outbox(caseNumber: number + 1) }
        #expect(missing.reason == .noSuchCase)
    }
}
