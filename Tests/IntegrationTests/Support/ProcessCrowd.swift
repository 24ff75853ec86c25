import Foundation
import Gateway
import MIME
import Mediation
import Store

/// A case with many participants who all read ONE real mailbox: each is a distinct
/// plus-address (`crowd-<tag>+c001@consumer.test`) that Dovecot files in
/// `crowd-<tag>@consumer.test`'s INBOX with `Delivered-To` naming the plus-address. So a
/// test can check hundreds of recipients with one IMAP login.
///
/// The case is written straight into the store (no welcomes), and `post` commits one room
/// post from the first consumer with a delivery row for every other member.
struct Crowd {
    let mailbox: String
    let caseRecord: Case
    let room: Channel
    let participants: [Participant]

    static func open(on gateway: GatewayUnderTest, consumers count: Int) throws -> Crowd {
        let base = "crowd-\(gateway.tag)"
        let mailbox = "\(base)@consumer.test"
        let now = gateway.context.clock.now
        return try gateway.store.write { session in
            let caseRecord = try session.createCase(
                title: "Frais de résiliation", companyName: "Acme", language: .fr, openedAt: now, roomDays: 30)
            func add(_ role: Role, _ local: String, _ name: String) throws -> Participant {
                try session.addParticipant(
                    caseNumber: caseRecord.number, role: role, address: "\(base)+\(local)@consumer.test",
                    displayName: name, language: .fr, at: now)
            }
            var people = [try add(.mediator, "mediator", "Claire Martin"), try add(.company, "acme", "Acme")]
            for index in 1...count {
                let number = String(format: "%04d", index)
                people.append(try add(.consumer, "c\(number)", "Client \(number)"))
            }
            return Crowd(mailbox: mailbox, caseRecord: caseRecord, room: try session.room(caseNumber: caseRecord.number),
                         participants: people)
        }
    }

    var firstConsumer: Participant { participants.first { $0.role == .consumer }! }

    /// Commits one room post by the first consumer, with `bytes` of text, and returns the
    /// deliveries queued for it.
    @discardableResult
    func post(on gateway: GatewayUnderTest, text: String) throws -> [Delivery] {
        let now = gateway.context.clock.now
        return try gateway.store.write { session in
            let post = Post(
                caseNumber: caseRecord.number, channelID: room.id, authorID: firstConsumer.id, kind: .message,
                subject: "Re: Frais de résiliation", replyText: text, fullText: text, createdAt: now)
            return try gateway.context.postOffice.relay(post, in: room, session: session, at: now).deliveries
        }
    }

    /// A reply text of about `bytes` bytes, the kind a consumer writes.
    static func replyText(bytes: Int) -> String {
        let sentence = "Acme m'a facturé 120 € de frais de résiliation alors que mon contrat était terminé. "
        return String(repeating: sentence, count: max(1, bytes / sentence.utf8.count))
    }

    /// Every message in the shared INBOX, as (Delivered-To, Message-ID) pairs.
    func received() throws -> [(recipient: String, messageID: String?)] {
        let box = try LocalStack.mailbox(of: mailbox)
        return try box.uids(after: 0).map { uid in
            let message = MailMessage(parsing: try box.fetch(uid: uid))
            return ((message.header("Delivered-To") ?? "").lowercased(), message.messageID)
        }
    }
}
