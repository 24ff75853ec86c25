import Foundation
import Gateway
import MIME
import MailTransport
import Mediation
import Store
import Testing

/// The gateway rides out servers that are away: copies wait in the outbox while SMTP is
/// unreachable and all go out once it is back; mail keeps being sent while IMAP is down.
///
/// The shared mail stack stays up for the other suites: an outage is a gateway pointed at a
/// loopback port where nothing listens.
@Suite("Server outages", .enabled(if: LocalStack.isUp))
struct OutageTests {
    static let deadSMTP = "smtp://127.0.0.1:2599"
    static let deadIMAP = "imap://127.0.0.1:2598"

    /// Sent, deferred and failed, in that order.
    private func outcomes(_ report: GatewayCycle.Report) -> [Int] {
        [report.dispatched.sent, report.dispatched.deferred, report.dispatched.failed]
    }

    @Test func copiesAreDeferredWhileSMTPIsUnreachableAndAllArriveOnceItIsBack() async throws {
        let gateway = try await GatewayUnderTest()
        let crowd = try Crowd.open(on: gateway, consumers: 20)
        let deliveries = try crowd.post(on: gateway, text: Crowd.replyText(bytes: 1_500))
        #expect(deliveries.count == 21)

        var away = gateway.configuration
        away.smtp.url = Self.deadSMTP
        let down = GatewayCycle(
            context: gateway.context, mailbox: try IMAPMailbox(gateway.configuration.mailboxConfiguration),
            sender: try SMTPSender(away.senderConfiguration))
        let startedAt = gateway.context.clock.now
        let first = down.run()
        #expect(first.failures.isEmpty, "an unreachable server is not a failure of the cycle: \(first.line)")
        #expect(first.fetchError == nil)
        #expect(outcomes(first) == [0, 21, 0])

        let deferred = try gateway.store.read { try $0.deliveries(state: .deferred, limit: 100) }
        #expect(deferred.count == 21)
        for delivery in deferred {
            let retryAt = try #require(delivery.retryAt)
            #expect(retryAt > startedAt, "retried later, not in a loop")
            #expect(delivery.attempts == 1)
            #expect(delivery.lastReply?.isEmpty == false, "the reason is kept for the operator")
        }
        // Nothing is due before its retry time: the next cycle leaves the copies alone.
        let second = down.run()
        #expect(outcomes(second) == [0, 0, 0])
        #expect(try gateway.store.deliveryCounts() == [.deferred: 21])

        // The server is back, and the retry time has come.
        let latest = try #require(deferred.compactMap(\.retryAt).max())
        let later = try GatewayContext(
            configuration: gateway.configuration, store: gateway.store, clock: FixedClock(latest.addingTimeInterval(1)))
        let up = GatewayCycle(
            context: later, mailbox: try IMAPMailbox(gateway.configuration.mailboxConfiguration),
            sender: try SMTPSender(gateway.configuration.senderConfiguration))
        let third = up.run()
        #expect(third.failures.isEmpty && third.fetchError == nil, "\(third.line)")
        #expect(outcomes(third) == [21, 0, 0])
        #expect(try gateway.store.deliveryCounts() == [.sent: 21])
        #expect(outcomes(up.run()) == [0, 0, 0], "sent copies are not sent again")

        let expected = Set(crowd.participants.filter { $0.id != crowd.firstConsumer.id }.map(\.address))
        let received = try LocalStack.eventually("21 copies in the crowd's mailbox") {
            let received = try crowd.received()
            return received.count >= expected.count ? received : nil
        }
        #expect(received.count == 21, "each copy exactly once")
        #expect(Set(received.map(\.recipient)) == expected)
        let messageIDs = Set(deliveries.map(\.messageID))
        #expect(Set(received.compactMap(\.messageID)) == messageIDs, "the copies deferred are the copies delivered")
    }

    @Test func whileIMAPIsUnreachableTheCycleReportsItAndStillSendsWhatIsDue() async throws {
        let gateway = try await GatewayUnderTest()
        let crowd = try Crowd.open(on: gateway, consumers: 5)
        try crowd.post(on: gateway, text: "Bonjour à tous.")

        // A consumer's reply reaches the gateway's mailbox while the gateway cannot read it.
        let author = crowd.participants.first { $0.role == .consumer && $0.id != crowd.firstConsumer.id }!
        var reply = MessageBuilder()
        reply.from = MailAddress(name: author.displayName, address: author.originalAddress)
        let replyAddress = gateway.replyAddress(author, in: crowd.room)
        reply.to = [MailAddress(name: nil, address: replyAddress)]
        reply.subject = "Re: Frais de résiliation"
        reply.messageID = MessageBuilder.newMessageID(domain: "consumer.test")
        reply.date = Date()
        reply.text = "Même chose pour moi : 120 € facturés.\n"
        let outcome = try LocalStack.relay().send(
            [Envelope(sender: author.originalAddress, recipient: replyAddress, message: reply.build())])
        #expect(outcome.count == 1)

        var away = gateway.configuration
        away.imap.url = Self.deadIMAP
        let blind = GatewayCycle(
            context: gateway.context, mailbox: try IMAPMailbox(away.mailboxConfiguration),
            sender: try SMTPSender(gateway.configuration.senderConfiguration))
        let report = blind.run()
        let error = try #require(report.fetchError, "the cycle says IMAP is unreachable")
        #expect(error.disposition == .retry, "an outage is retried, not a configuration error: \(error.message)")
        #expect(report.failures.isEmpty, "\(report.line)")
        #expect(report.fetched.recorded == 0)
        #expect(outcomes(report) == [6, 0, 0], "what is due still goes out")
        #expect(try gateway.store.deliveryCounts() == [.sent: 6])

        // IMAP is back: the reply that waited in the INBOX is taken in and relayed.
        try gateway.runCycles(untilRecorded: 1)
        #expect(try gateway.store.inboundCounts()[.processed] == 1)
        _ = try LocalStack.eventually("the waiting reply relayed to the 6 others", seconds: 20) { () -> Bool? in
            try gateway.runCycle()
            let counts = try gateway.store.deliveryCounts()
            return counts == [.sent: 12] ? true : nil
        }
        let relayed = try LocalStack.eventually("12 copies in the crowd's mailbox") {
            let received = try crowd.received()
            return received.count >= 12 ? received : nil
        }
        #expect(relayed.filter { $0.recipient == author.address }.count == 1, "the author has only the first post")
    }
}
