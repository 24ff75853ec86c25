import Foundation
import MIME
import Mediation
import Store
import Testing
@testable import Gateway

/// A fan-out renders what copies share once (`PostEdition`); sharing must never change a
/// copy: each is byte for byte the copy its recipient would get if it were written alone.
@Suite("Relay: copies that share their words")
struct RelayEditionTests {
    /// Alice answers a post, typing Carol's and the company's real addresses; readers are
    /// French and English. Owners see their own address, everyone else the placeholder in
    /// their own language, and each copy threads on its reader's own copies.
    @Test func aSharedCopyIsTheCopyItsReaderWouldGetAlone() async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase(consumers: 4, expert: false)
        let alice = c.consumers[0]
        let bruno = c.consumers[1]
        let carol = c.consumers[2]
        try gateway.execute("UPDATE participants SET language = 'en' WHERE id IN (?, ?)", [c.company.id, bruno.id])
        try gateway.dispatch()
        let company = try gateway.participant(c.company.id)
        let english = try gateway.participant(bruno.id)

        // A first post, so that Alice's answer has a thread to join.
        _ = try gateway.process(.to(gateway.replyAddress(c.company, in: c.room), from: c.company.address,
                                    text: "Acme propose un geste commercial."))
        try gateway.dispatch()
        var mail = InboundMail.to(gateway.replyAddress(alice, in: c.room), from: alice.address, text: """
            Carol m'a écrit depuis \(carol.address) ; le service juridique répond à \(c.company.address.uppercased()).
            Merci à tous.
            """)
        mail.answer(try #require(gateway.copies(to: alice.address).last))
        let post = try #require(try gateway.process(mail).post)
        gateway.sender.reset()
        try gateway.dispatch()

        let deliveries = try gateway.deliveries(ofPost: post.id!)
        #expect(deliveries.count == c.everyone.count - 1)
        for delivery in deliveries {
            let reader = try gateway.participant(delivery.recipientID)
            let envelope = try #require(gateway.sender.accepted.first { $0.recipient == reader.originalAddress })
            var alone = CopyShelf()
            let expected = try gateway.store.read { session in
                try alone.compose(delivery, context: gateway.context, session: session, date: gateway.now)
            }
            #expect(envelope.message == expected, "\(reader.displayName)'s copy differs from the one written alone")

            let copy = MailMessage(parsing: envelope.message)
            let raw = String(decoding: envelope.message, as: UTF8.self).lowercased()
            #expect(copy.messageID == delivery.messageID)
            for other in c.everyone where other.id != reader.id {
                #expect(!raw.contains(other.address), "\(other.address) reached \(reader.address)")
            }
            let text = try #require(copy.text)
            if reader.id == carol.id || reader.id == company.id {
                #expect(text.lowercased().contains(reader.address), "an owner sees their own address")
            }
            let placeholder = reader.language == .en ? "[address hidden]" : "[adresse masquée]"
            #expect(text.contains(placeholder))
            #expect(text.contains(reader.language == .en ? "wrote:" : "a écrit :"))
            // Threading names this reader's own copy of the company's post.
            if reader.id != company.id {
                let parentCopy = try #require(try gateway.store.copyMessageID(postID: post.parentID!, recipientID: reader.id))
                #expect(copy.inReplyTo == [parentCopy])
            }
        }
        let ids = gateway.sender.accepted.compactMap { MailMessage(parsing: $0.message).messageID }
        #expect(Set(ids).count == deliveries.count, "each copy has its own Message-ID")
        #expect(english.language == .en && company.language == .en)
    }

    /// A notice that greets its reader by name cannot be shared: every reader gets theirs.
    @Test func aNoticeThatNamesItsReaderIsWrittenForEachReader() async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase(consumers: 3, expert: false)
        try gateway.dispatch()
        gateway.sender.reset()
        let everyone = c.everyone
        try gateway.store.write { session in
            _ = try gateway.context.postOffice.notice(
                "room_reminder", context: ["days_left": 3, "one_day_left": false], to: everyone, in: c.room,
                session: session, at: gateway.now)
        }
        try gateway.dispatch()
        #expect(gateway.sender.accepted.count == everyone.count)
        for reader in everyone {
            let copy = try #require(gateway.copies(to: reader.address).first)
            let text = try #require(copy.text)
            #expect(text.contains(reader.displayName))
            for other in everyone where other.id != reader.id && !reader.displayName.contains(other.displayName) {
                #expect(!text.contains(other.displayName), "\(other.displayName) named in \(reader.displayName)'s reminder")
            }
        }
    }

    /// Copies with an attachment share one encoded body; every reader still gets the file.
    @Test func everyReaderOfAnAttachmentGetsIt() async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase(consumers: 3, expert: false)
        try gateway.dispatch()
        gateway.sender.reset()
        let alice = c.consumers[0]
        var mail = InboundMail.to(gateway.replyAddress(alice, in: c.room), from: alice.address, text: "Ma facture.")
        let bytes = Data((0..<3_000).map { UInt8($0 % 251) })
        mail.attachments = [OutgoingAttachment(filename: "facture.pdf", contentType: "application/pdf", data: bytes)]
        let post = try #require(try gateway.process(mail).post)
        try gateway.dispatch()
        let deliveries = try gateway.deliveries(ofPost: post.id!)
        #expect(deliveries.count == c.everyone.count - 1)
        for delivery in deliveries {
            let reader = try gateway.participant(delivery.recipientID)
            let copy = try #require(gateway.copies(to: reader.address).first)
            #expect(copy.messageID == delivery.messageID)
            #expect(copy.to.map(\.address) == [reader.originalAddress])
            #expect(copy.attachments.map(\.filename) == ["facture.pdf"])
            #expect(copy.attachments.first?.data == bytes)
            #expect(copy.text?.contains("Ma facture.") == true)
        }
    }
}
