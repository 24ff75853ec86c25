import Foundation
import Testing
@testable import MailTransport

/// Listing, status and moving messages in a real Dovecot mailbox.
@Suite("The IMAP mailbox on the local mail stack", .enabled(if: MailStack.isConfigured))
struct MailboxTests {
    /// Delivers `count` messages to a fresh account and returns it with its Message-IDs.
    private func deliver(_ count: Int, to name: String) async throws -> (Account, [String]) {
        let account = Account(name)
        let ids = (0..<count).map { "<\(name)-\($0)-\(UUID().uuidString)@mediation.test>" }
        let outcomes = try MailStack.relay(connections: 1).send(ids.map { id in
            Envelope(sender: "bounces@mediation.test", recipient: account.tagged, message: rawMessage(to: account.tagged, subject: "Test", messageID: id, body: "\(id)\r\n"))
        })
        #expect(outcomes.allSatisfy { $0.isAccepted })
        try await waitForMessages(count, in: try MailStack.mailbox(of: account))
        return (account, ids)
    }

    @Test func statusCountsMessagesAndKnowsTheNextUID() async throws {
        let (account, _) = try await deliver(3, to: "status")
        let inbox = try MailStack.mailbox(of: account)
        let status = try inbox.status()
        let uids = try inbox.uids(after: 0)
        #expect(status.messages == 3)
        #expect(uids.count == 3)
        #expect(status.uidNext == uids.last! + 1)
        #expect(status.uidValidity != 0)
        #expect(try inbox.status().uidValidity == status.uidValidity)
    }

    @Test func listingSpansMoreUIDsThanOneSearchWindow() async throws {
        let (account, ids) = try await deliver(7, to: "windows")
        let inbox = try MailStack.mailbox(of: account, searchWindow: 3)
        let all = try inbox.uids(after: 0)
        #expect(all.count == 7)
        #expect(all == all.sorted())
        #expect(try all.map { try messageID(of: inbox.fetch(uid: $0)) } .compactMap { $0 }.sorted() == ids.sorted())

        #expect(try inbox.uids(after: all[2]) == Array(all[3...]))
        // UID SEARCH n:* would answer the last message even past it: the listing does not.
        #expect(try inbox.uids(after: all.last!) == [])
        #expect(try inbox.uids(after: all.last! + 100) == [])
    }

    @Test func markProcessedMovesTheMessageOutOfTheInbox() async throws {
        let (account, ids) = try await deliver(2, to: "processed")
        let inbox = try MailStack.mailbox(of: account)
        let uids = try inbox.uids(after: 0)
        let first = try inbox.fetch(uid: uids[0])

        try inbox.markProcessed(uid: uids[0])

        #expect(try inbox.uids(after: 0) == [uids[1]])
        #expect(try inbox.status().messages == 1)
        let processed = try MailStack.mailbox(of: account, mailbox: "Processed")
        let moved = try processed.uids(after: 0)
        #expect(moved.count == 1)
        #expect(try processed.fetch(uid: moved[0]) == first)
        #expect(messageID(of: first) == ids[0] || messageID(of: first) == ids[1])
        // Marking again is harmless: the message is no longer there.
        try inbox.markProcessed(uid: uids[0])
        #expect(try processed.status().messages == 1)
    }

    @Test func aBatchIsMovedInOneCommand() async throws {
        let (account, _) = try await deliver(5, to: "batch")
        let inbox = try MailStack.mailbox(of: account)
        let uids = try inbox.uids(after: 0)
        #expect(uids.count == 5)

        try inbox.markProcessed(uids: [uids[0], uids[1], uids[3]])

        #expect(try inbox.uids(after: 0) == [uids[2], uids[4]])
        let processed = try MailStack.mailbox(of: account, mailbox: "Processed")
        #expect(try processed.status().messages == 3)
    }

    /// Dovecot answers a move with lines for every message, and libcurl refuses an answer
    /// over 300 KB: 500 messages in one command were already too many.
    @Test func aLargeBatchIsMovedInSeveralCommands() async throws {
        let (account, _) = try await deliver(800, to: "large")
        let inbox = try MailStack.mailbox(of: account)
        let uids = try inbox.uids(after: 0)
        #expect(uids.count == 800)

        try inbox.markProcessed(uids: uids)

        #expect(try inbox.uids(after: 0) == [])
        let processed = try MailStack.mailbox(of: account, mailbox: "Processed")
        #expect(try processed.uids(after: 0).count == 800)
    }

    @Test func fetchingAMovedMessageIsFinal() async throws {
        let (account, _) = try await deliver(1, to: "gone")
        let inbox = try MailStack.mailbox(of: account)
        let uid = try #require(try inbox.uids(after: 0).first)
        try inbox.markProcessed(uid: uid)
        let error = try #require(throws: TransportError.self) { try inbox.fetch(uid: uid) }
        #expect(error.disposition == .giveUp)
    }

    @Test func oneMailboxServesSeveralThreads() async throws {
        let (account, ids) = try await deliver(6, to: "threads")
        let inbox = try MailStack.mailbox(of: account)
        let uids = try inbox.uids(after: 0)
        let found = try await withThrowingTaskGroup(of: String?.self) { group in
            for uid in uids {
                group.addTask { messageID(of: try inbox.fetch(uid: uid)) }
            }
            return try await group.reduce(into: [String]()) { $0.append($1 ?? "") }
        }
        #expect(found.sorted() == ids.sorted())
    }
}
