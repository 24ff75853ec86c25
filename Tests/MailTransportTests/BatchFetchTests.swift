import Foundation
import Testing
@testable import MailTransport

/// Fetching many messages in one `UID FETCH` from a real Dovecot mailbox: the same bytes as
/// one by one, whatever the messages hold.
@Suite("Batch fetch on the local mail stack", .enabled(if: MailStack.isConfigured))
struct BatchFetchTests {
    /// Bodies that would end or derail an answer read line by line.
    private let bodies = [
        "Plain text.\r\n",
        ")\r\n* 3 FETCH (UID 3 BODY[] {5}\r\nT2 OK Fetch completed.\r\nT3 OK done\r\n",
        "A literal marker at a line end {12}\r\n\r\n-- \r\nsignature\r\n",
        String(repeating: "Enough lines to fill the connection's buffers several times over.\r\n", count: 2_000),
    ]

    private func deliver(to account: Account) async throws -> IMAPMailbox {
        let outcomes = try MailStack.relay(connections: 1).send(bodies.enumerated().map { index, body in
            Envelope(sender: "bounces@mediation.test", recipient: account.tagged,
                     message: rawMessage(to: account.tagged, subject: "Batch \(index)", body: body))
        })
        #expect(outcomes.allSatisfy { $0.isAccepted })
        let inbox = try MailStack.mailbox(of: account)
        try await waitForMessages(bodies.count, in: inbox)
        return inbox
    }

    @Test(arguments: [MailStack.imapsURL, MailStack.imapURL])
    func aBatchGivesTheBytesOfEachMessage(url: String) async throws {
        let account = Account("batchfetch")
        _ = try await deliver(to: account)
        let inbox = try MailStack.mailbox(of: account, url: url)
        let uids = try inbox.uids(after: 0)
        #expect(uids.count == bodies.count)

        let batch = try inbox.fetch(uids: uids)

        #expect(batch.map(\.uid).sorted() == uids)
        for (uid, raw) in batch {
            #expect(raw == (try inbox.fetch(uid: uid)), "UID \(uid)")
        }
        let texts = batch.map { String(decoding: $0.raw, as: UTF8.self) }
        for body in bodies {
            #expect(texts.contains { $0.hasSuffix("\r\n\r\n" + body) })
        }
    }

    @Test func goneMessagesAreLeftOutAndTheConnectionIsReused() async throws {
        let account = Account("batchgone")
        let inbox = try await deliver(to: account)
        let uids = try inbox.uids(after: 0)
        try inbox.markProcessed(uids: [uids[1]])

        let first = try inbox.fetch(uids: uids)
        let again = try inbox.fetch(uids: [uids[0], uids[2]])

        #expect(first.map(\.uid).sorted() == [uids[0], uids[2], uids[3]])
        #expect(again.map(\.uid).sorted() == [uids[0], uids[2]])
        // One fetching connection for both batches.
        #expect(inbox.batchConnectionsOpened == 1)
        // Read-only and PEEK: the mailbox is as it was.
        #expect(try inbox.uids(after: 0) == [uids[0], uids[2], uids[3]])
        #expect(try inbox.fetch(uids: []).isEmpty)
    }

    @Test func mailArrivingAfterTheFirstBatchIsFetchedOnTheSameConnection() async throws {
        let account = Account("batchlater")
        let inbox = try await deliver(to: account)
        let before = try inbox.uids(after: 0)
        #expect(try inbox.fetch(uids: before).count == bodies.count)

        let outcomes = try MailStack.relay(connections: 1).send([Envelope(
            sender: "bounces@mediation.test", recipient: account.tagged,
            message: rawMessage(to: account.tagged, subject: "Later", body: "Arrived later.\r\n"))])
        #expect(outcomes.allSatisfy { $0.isAccepted })
        // Counted and listed on a fresh connection: STATUS on the mailbox a session has
        // selected answers with what that session last saw.
        let lister = try MailStack.mailbox(of: account)
        try await waitForMessages(bodies.count + 1, in: lister)
        let later = try lister.uids(after: before.last!)
        #expect(later.count == 1)

        let batch = try inbox.fetch(uids: later)
        #expect(batch.map(\.uid) == later)
        #expect(batch.first.map { String(decoding: $0.raw, as: UTF8.self).hasSuffix("Arrived later.\r\n") } == true)
        // The same batch connection saw the new mail. (Only it is counted: under load the
        // command connection may be reopened by libcurl after two idle minutes.)
        #expect(inbox.batchConnectionsOpened == 1)
    }

    @Test func aMissingMailboxIsAConfigurationProblem() async throws {
        let account = Account("batchmissing")
        _ = try await deliver(to: account)
        let inbox = try MailStack.mailbox(of: account, mailbox: "Nowhere")
        let error = try #require(throws: TransportError.self) { try inbox.fetch(uids: [1]) }
        #expect(error.disposition == .fixConfiguration)
    }
}
