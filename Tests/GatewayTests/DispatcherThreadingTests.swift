import Foundation
import MIME
import Mediation
import Store
import Testing
@testable import Gateway

/// Every recipient's copies thread among themselves: In-Reply-To and References name that
/// recipient's own copies, rooted at their welcome.
@Suite("Dispatcher: threading")
struct DispatcherThreadingTests {
    @Test func eachRecipientsCopyPointsAtTheirOwnCopies() async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase(consumers: 3)
        try gateway.dispatch()
        let alice = c.consumers[0]
        let bob = c.consumers[1]
        let carol = c.consumers[2]

        // Alice answers her welcome; the company answers its copy of that; Bob answers his
        // copy of the company's; Carol answers her copy of Bob's.
        var postIDs: [Int64] = []
        var authors: [Participant] = []
        var originals: [String] = []
        var previous = try #require(gateway.copies(to: alice.address).first)
        for author in [alice, c.company, bob, carol] {
            if author.id != alice.id {
                let parentID = try #require(postIDs.last)
                let copyID = try #require(try gateway.store.copyMessageID(postID: parentID, recipientID: author.id))
                previous = try #require(gateway.copies(to: author.address).first { $0.messageID == copyID })
            }
            var mail = InboundMail.to(gateway.replyAddress(author, in: c.room), from: author.address,
                                      text: "Message de \(author.displayName).")
            mail.answer(previous)
            let outcome = try gateway.process(mail)
            let post = try #require(outcome.post)
            postIDs.append(post.id!)
            authors.append(author)
            originals.append(mail.messageID)
            try gateway.dispatch()
        }

        let everyone = c.everyone.filter { $0.role != .expert }
        for reader in everyone {
            let copies = gateway.copies(to: reader.address)
            let welcome = try #require(copies.first)
            #expect(welcome.inReplyTo.isEmpty && welcome.references.isEmpty, "the welcome starts the thread")
            // What this reader knows of each post: their copy, or their own original.
            var known: [String] = []
            for (index, postID) in postIDs.enumerated() {
                let own = authors[index].id == reader.id
                let id = own ? originals[index] : try #require(try gateway.store.copyMessageID(postID: postID, recipientID: reader.id))
                if !own {
                    let copy = try #require(copies.first { $0.messageID == id })
                    #expect(copy.references.first == welcome.messageID, "rooted at their own welcome")
                    #expect(copy.inReplyTo == (known.last.map { [$0] } ?? [welcome.messageID!]))
                    #expect(copy.references == [welcome.messageID!] + known)
                    let othersIDs = Set(gateway.sender.accepted.filter { $0.recipient != reader.originalAddress }
                        .compactMap { MailMessage(parsing: $0.message).messageID })
                    #expect(Set(copy.references).isDisjoint(with: othersIDs), "never another reader's copies")
                }
                known.append(id)
            }
        }
    }
}
