import Foundation
import MIME
import MailTransport
import Store
import Testing
@testable import Gateway

/// The Fetcher with a mailbox that fetches a batch in one exchange and may leave out a
/// message that vanished meanwhile (as IMAP does).
@Suite("Fetcher with batch fetches")
struct FetcherBatchTests {
    /// A FakeMailbox whose batch fetch answers without the UIDs in `vanishing`, as a
    /// server does for messages expunged between the listing and the fetch.
    final class ForgetfulMailbox: Mailbox, @unchecked Sendable {
        let inner = FakeMailbox()
        var vanishing: Set<UInt32> = []
        private(set) var batches: [[UInt32]] = []

        func status() throws(TransportError) -> MailboxStatus { try inner.status() }
        func uids(after uid: UInt32) throws(TransportError) -> [UInt32] { try inner.uids(after: uid) }
        func fetch(uid: UInt32) throws(TransportError) -> Data { try inner.fetch(uid: uid) }
        func fetch(uids: [UInt32]) throws(TransportError) -> [(uid: UInt32, raw: Data)] {
            batches.append(uids)
            var answer: [(uid: UInt32, raw: Data)] = []
            for uid in uids where !vanishing.contains(uid) { answer.append((uid, try inner.fetch(uid: uid))) }
            return answer
        }
        func markProcessed(uid: UInt32) throws(TransportError) { try inner.markProcessed(uid: uid) }
        func markProcessed(uids: [UInt32]) throws(TransportError) { try inner.markProcessed(uids: uids) }
    }

    func stored(_ gateway: GatewayFixture) throws -> [InboundMessage] {
        try gateway.store.writer.read { db in try InboundMessage.order(InboundMessage.Columns.uid).fetchAll(db) }
    }

    func mail(_ number: Int) throws -> Data {
        try InboundMail(from: "alice@consumer.test", to: [GatewayFixture.gatewayAddress], text: "Message \(number).").raw()
    }

    @Test func eachBatchIsOneFetchOfTheUnrecordedUIDs() async throws {
        let gateway = try await GatewayFixture()
        let mailbox = ForgetfulMailbox()
        for number in 1...5 { mailbox.inner.deliver(try mail(number)) }

        let summary = try Fetcher(context: gateway.context, mailbox: mailbox).run(batch: 2)

        #expect(summary == Fetcher.Summary(recorded: 5, duplicates: 0, moved: 5))
        #expect(mailbox.batches == [[1, 2], [3, 4], [5]])
        #expect(mailbox.inner.moved == [1, 2, 3, 4, 5])
    }

    @Test func aMessageMissingFromTheAnswerIsNeitherRecordedNorMoved() async throws {
        let gateway = try await GatewayFixture()
        let mailbox = ForgetfulMailbox()
        let raws = try (1...3).map { try mail($0) }
        for raw in raws { mailbox.inner.deliver(raw) }
        mailbox.vanishing = [2]

        let first = try Fetcher(context: gateway.context, mailbox: mailbox).run()

        #expect(first == Fetcher.Summary(recorded: 2, duplicates: 0, moved: 2))
        #expect(mailbox.inner.inboxUIDs == [2], "still in the INBOX for the next run")
        // The next run finds it and takes it in; nothing recorded before is fetched again.
        mailbox.vanishing = []
        let second = try Fetcher(context: gateway.context, mailbox: mailbox).run()
        #expect(second == Fetcher.Summary(recorded: 1, duplicates: 0, moved: 1))
        #expect(mailbox.batches.last == [2])
        #expect(try stored(gateway).map(\.raw) == raws)
    }
}
