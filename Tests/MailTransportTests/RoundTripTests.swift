import Foundation
import Testing
@testable import MailTransport

/// Mail sent with `SMTPSender` comes back from `IMAPMailbox` byte for byte: the servers
/// only prepend trace headers.
@Suite("Round trips through the local mail stack", .enabled(if: MailStack.isConfigured))
struct RoundTripTests {
    @Test func eightBitUTF8BodyArrivesUnchangedOverIMAPS() async throws {
        let account = Account("bytes")
        let sent = rawMessage(
            to: account.tagged, subject: "Offre de règlement",
            body: "Bonjour à tous,\r\nl'entreprise propose 120 € par client — réponse avant le 30 juin.\r\n. une ligne qui commence par un point\r\n..\r\nΚαλημέρα 日本語 🙂\r\n",
            headers: ["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit"]
        )
        let outcomes = try MailStack.relay().send([Envelope(sender: "bounces@mediation.test", recipient: account.tagged, message: sent)])
        guard case .accepted(let reply) = try #require(outcomes.first) else {
            Issue.record("refused: \(outcomes)")
            return
        }
        #expect(reply.hasPrefix("250"))

        let inbox = try MailStack.mailbox(of: account, url: MailStack.imapsURL)
        try await waitForMessages(1, in: inbox)
        let uid = try #require(try inbox.uids(after: 0).first)
        let fetched = try inbox.fetch(uid: uid)
        #expect(fetched.count > sent.count)
        #expect(fetched.suffix(sent.count) == sent)
    }

    @Test func fiveMegabyteAttachmentArrivesUnchangedOverSubmissionAndSTARTTLS() async throws {
        let account = Account("bytes")
        let attachment = noise(count: 5 * 1024 * 1024)
        let base64 = attachment.base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        let body = """
            --b1\r
            Content-Type: text/plain; charset=utf-8\r
            \r
            Voici le rapport d'expertise.\r
            --b1\r
            Content-Type: application/octet-stream; name="rapport.bin"\r
            Content-Disposition: attachment; filename="rapport.bin"\r
            Content-Transfer-Encoding: base64\r
            \r
            \(base64)\r
            --b1--\r

            """
        let sent = rawMessage(to: account.tagged, subject: "Rapport", body: body, headers: ["Content-Type: multipart/mixed; boundary=\"b1\""])

        let sender = try MailStack.submission(as: account)
        let outcomes = sender.send([Envelope(sender: account.user, recipient: account.tagged, message: sent)])
        #expect(outcomes.first?.isAccepted == true, "\(outcomes)")

        let inbox = try MailStack.mailbox(of: account, url: MailStack.imapURL)
        try await waitForMessages(1, in: inbox)
        let uid = try #require(try inbox.uids(after: 0).first)
        let fetched = try inbox.fetch(uid: uid)
        #expect(fetched.suffix(sent.count) == sent)
    }

    @Test func twoHundredMessagesOverFourConnectionsArriveExactlyOnce() async throws {
        let account = Account("batch")
        let ids = (0..<200).map { "<batch-\($0)-\(UUID().uuidString)@mediation.test>" }
        let envelopes = ids.enumerated().map { index, id in
            Envelope(
                sender: index.isMultiple(of: 2) ? "" : "bounces@mediation.test",
                recipient: account.tagged,
                message: rawMessage(to: account.tagged, subject: "Message \(index)", messageID: id, body: "Message \(index)\r\n")
            )
        }
        let sender = try MailStack.relay(connections: 4)
        let outcomes = sender.send(envelopes)
        #expect(outcomes.count == 200)
        #expect((1...4).contains(sender.connectionsOpened))
        #expect(outcomes.allSatisfy { $0.isAccepted }, "\(outcomes.compactMap(\.refusal).prefix(3))")

        let inbox = try MailStack.mailbox(of: account)
        let status = try await waitForMessages(200, in: inbox)
        #expect(status.messages == 200)
        let uids = try inbox.uids(after: 0)
        #expect(uids.count == 200)
        let received = try uids.map { uid in try #require(messageID(of: try inbox.fetch(uid: uid))) }
        #expect(received.count == Set(received).count)
        // 200 fetches on one connection; a server that closes an idle connection while the
        // test waits for delivery costs one reconnect, never one per message.
        #expect((1...2).contains(inbox.connectionsOpened))
        #expect(Set(received) == Set(ids))
    }

    @Test func senderKeepsWorkingAcrossBatches() async throws {
        let account = Account("batches")
        let sender = try MailStack.relay(connections: 2)
        for round in 0..<3 {
            let envelopes = (0..<3).map { index in
                Envelope(sender: "bounces@mediation.test", recipient: account.tagged, message: rawMessage(to: account.tagged, subject: "Round \(round) #\(index)", body: "x\r\n"))
            }
            #expect(sender.send(envelopes).allSatisfy { $0.isAccepted })
        }
        #expect((1...2).contains(sender.connectionsOpened))
        let inbox = try MailStack.mailbox(of: account)
        #expect(try await waitForMessages(9, in: inbox).messages == 9)
    }
}

/// Bytes that look random to a base64 encoder (every value occurs), made fast: one
/// xorshift step per 8 bytes.
private func noise(count: Int) -> Data {
    var data = Data(count: count)
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    data.withUnsafeMutableBytes { (bytes: UnsafeMutableRawBufferPointer) in
        for offset in stride(from: 0, to: count, by: 8) {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            withUnsafeBytes(of: state) { word in
                for index in 0..<min(8, count - offset) { bytes[offset + index] = word[index] }
            }
        }
    }
    return data
}
