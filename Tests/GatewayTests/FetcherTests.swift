import Foundation
import GRDB
import MIME
import MailTransport
import Mediation
import Store
import Testing
@testable import Gateway

/// The Fetcher against an INBOX in memory: record first, move after the commit.
@Suite("Fetcher")
struct FetcherTests {
    func mail(_ number: Int, messageID: String? = nil) throws -> Data {
        var mail = InboundMail(from: "alice@consumer.test", to: [GatewayFixture.gatewayAddress], text: "Message \(number).")
        if let messageID { mail.messageID = messageID }
        return try mail.raw()
    }

    func inbound(_ gateway: GatewayFixture) throws -> [InboundMessage] {
        try gateway.store.writer.read { db in try InboundMessage.order(InboundMessage.Columns.id).fetchAll(db) }
    }

    @Test func newMailIsRecordedRawThenMoved() async throws {
        let gateway = try await GatewayFixture()
        let raws = try (1...3).map { try mail($0) }
        for raw in raws { gateway.mailbox.deliver(raw) }
        let summary = try Fetcher(context: gateway.context, mailbox: gateway.mailbox).run()
        #expect(summary == Fetcher.Summary(recorded: 3, duplicates: 0, moved: 3))
        let rows = try inbound(gateway)
        #expect(rows.map(\.raw) == raws, "stored byte for byte")
        #expect(rows.map(\.uid) == [1, 2, 3])
        #expect(rows.allSatisfy { $0.uidValidity == 1 && $0.state == .pending })
        #expect(rows.map(\.messageID) == raws.map { MailMessage(parsing: $0).messageID })
        #expect(rows.map(\.sha256) == raws.map { RawDigest.sha256Hex($0) })
        #expect(gateway.mailbox.moved == [1, 2, 3])
        #expect(gateway.mailbox.inboxUIDs.isEmpty)
    }

    @Test func aStoreFailureMovesNothing() async throws {
        let gateway = try await GatewayFixture()
        for number in 1...3 { gateway.mailbox.deliver(try mail(number)) }
        try gateway.execute("CREATE TRIGGER full BEFORE INSERT ON inbound BEGIN SELECT RAISE(ABORT, 'disk full'); END")
        #expect(throws: (any Error).self) { try Fetcher(context: gateway.context, mailbox: gateway.mailbox).run() }
        #expect(gateway.mailbox.moved.isEmpty, "nothing leaves the INBOX before it is recorded")
        #expect(gateway.mailbox.inboxUIDs == [1, 2, 3])
        #expect(try inbound(gateway).isEmpty)

        try gateway.execute("DROP TRIGGER full")
        let summary = try Fetcher(context: gateway.context, mailbox: gateway.mailbox).run()
        #expect(summary.recorded == 3)
        #expect(gateway.mailbox.moved == [1, 2, 3])
    }

    /// Batches are recorded on another thread while the next one is fetched: a batch that
    /// cannot be recorded stops the run, and neither it nor any batch fetched after it moves.
    @Test func aBatchThatCannotBeRecordedStopsTheMovesAtTheBatchBefore() async throws {
        let gateway = try await GatewayFixture()
        for number in 1...8 { gateway.mailbox.deliver(try mail(number)) }
        try gateway.execute("CREATE TRIGGER full BEFORE INSERT ON inbound WHEN NEW.uid = 3 BEGIN SELECT RAISE(ABORT, 'disk full'); END")
        #expect(throws: (any Error).self) { try Fetcher(context: gateway.context, mailbox: gateway.mailbox).run(batch: 2) }
        #expect(gateway.mailbox.moved == [1, 2])
        #expect(gateway.mailbox.inboxUIDs == [3, 4, 5, 6, 7, 8])
        #expect(try inbound(gateway).map(\.uid) == [1, 2])

        try gateway.execute("DROP TRIGGER full")
        let summary = try Fetcher(context: gateway.context, mailbox: gateway.mailbox).run(batch: 2)
        #expect(summary == Fetcher.Summary(recorded: 6, duplicates: 0, moved: 6))
        #expect(gateway.mailbox.moved == Array(1...8))
        #expect(try inbound(gateway).map(\.uid) == Array(1...8))
    }

    @Test func aFailedMoveLeavesTheMailRecordedAndItIsNotRecordedTwice() async throws {
        let gateway = try await GatewayFixture()
        for number in 1...2 { gateway.mailbox.deliver(try mail(number)) }
        gateway.mailbox.fail(.move, with: TransportError(.retry, message: "connection lost"))
        #expect(throws: TransportError.self) { try Fetcher(context: gateway.context, mailbox: gateway.mailbox).run() }
        #expect(try inbound(gateway).count == 2, "recorded before the move was tried")
        gateway.mailbox.heal()
        let fetchedBefore = gateway.mailbox.fetched.count
        let summary = try Fetcher(context: gateway.context, mailbox: gateway.mailbox).run()
        #expect(summary.recorded == 0)
        #expect(gateway.mailbox.fetched.count == fetchedBefore, "already recorded: not fetched again")
        #expect(gateway.mailbox.moved == [1, 2])
        #expect(try inbound(gateway).count == 2)
    }

    @Test func duplicatesByMessageIDAndByHashAreRecordedButNotProcessed() async throws {
        let gateway = try await GatewayFixture()
        let same = try mail(1, messageID: "same@client.test")
        let resent = try mail(2, messageID: "same@client.test")
        let noID = Data("From: alice@consumer.test\r\nTo: truce@mediation.test\r\nSubject: x\r\n\r\nno id\r\n".utf8)
        let otherNoID = Data("From: alice@consumer.test\r\nTo: truce@mediation.test\r\nSubject: x\r\n\r\nanother\r\n".utf8)
        for raw in [same, resent, noID, noID, otherNoID] { gateway.mailbox.deliver(raw) }
        let summary = try Fetcher(context: gateway.context, mailbox: gateway.mailbox).run()
        #expect(summary.recorded == 3)
        #expect(summary.duplicates == 2)
        #expect(summary.moved == 5)
        let rows = try inbound(gateway)
        #expect(rows.map(\.state) == [.pending, .duplicate, .pending, .duplicate, .pending])
        #expect(rows[1].duplicateOf == rows[0].id)
        #expect(rows[3].duplicateOf == rows[2].id)
        #expect(try gateway.store.pendingInbound(limit: 10).count == 3)
    }

    /// The server renumbered the mailbox after a crash that came between the commit and the
    /// move: the same messages under new UIDs are recognised and not taken in again.
    @Test func aUIDValidityChangeDoesNotReprocessRecordedMail() async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase()
        let alice = c.consumers[0]
        let post = try InboundMail.to(gateway.replyAddress(alice, in: c.room), from: alice.address).raw()
        gateway.mailbox.deliver(post)
        gateway.mailbox.deliver(try mail(2))
        gateway.mailbox.fail(.move, with: TransportError(.retry, message: "connection lost"))
        let cycle = GatewayCycle(context: gateway.context, mailbox: gateway.mailbox, sender: gateway.sender)
        let first = cycle.run()
        #expect(first.fetchError != nil)
        #expect(first.intake.posted == 1)
        let deliveriesAfterFirst = try gateway.allDeliveries().count

        gateway.mailbox.heal()
        gateway.mailbox.renumber(uidValidity: 7)
        let second = cycle.run()
        #expect(second.fetched.recorded == 0)
        #expect(second.fetched.duplicates == 2)
        #expect(second.intake == Intake.Summary())
        #expect(try gateway.allDeliveries().count == deliveriesAfterFirst, "no second post")
        #expect(gateway.mailbox.inboxUIDs.isEmpty)
        let rows = try inbound(gateway)
        #expect(rows.filter { $0.uidValidity == 7 }.allSatisfy { $0.state == .duplicate })
    }

    @Test func anUnreachableServerEndsTheRunWithATransportError() async throws {
        let gateway = try await GatewayFixture()
        gateway.mailbox.deliver(try mail(1))
        gateway.mailbox.fail(.fetch, with: TransportError(.retry, message: "IMAP server down"))
        let error = #expect(throws: TransportError.self) { try Fetcher(context: gateway.context, mailbox: gateway.mailbox).run() }
        #expect(error?.isTransient == true)
        #expect(gateway.mailbox.moved.isEmpty)
    }
}
