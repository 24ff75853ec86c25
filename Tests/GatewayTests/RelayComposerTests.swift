import Foundation
import MIME
import Mediation
import Store
import Testing
@testable import Gateway

/// What a relayed copy looks like to the person who receives it.
@Suite("Relay: the shape of a copy")
struct RelayComposerTests {
    /// One post by Alice (a French consumer) in the room, relayed to an English-speaking
    /// company and a French mediator.
    @Test func aCopyIsAddressedToItsRecipientAloneFromTheirOwnPersonalAddress() async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase(title: "Frais de résiliation")
        try gateway.execute("UPDATE participants SET language = 'en' WHERE id = ?", [c.company.id])
        let alice = c.consumers[0]
        var mail = InboundMail.to(gateway.replyAddress(alice, in: c.room), from: alice.address,
                                  text: "Acme m'a facturé 120 € de frais.")
        mail.fromName = "Alice Dupont"
        mail.traceHeaders = [
            ("Received", "from mx.consumer.test by mx.mediation.test; Tue, 10 Mar 2026 09:00:00 +0000"),
            ("DKIM-Signature", "v=1; a=rsa-sha256; d=consumer.test; s=sel; b=abc"),
        ]
        mail.headers = [("X-Mailer", "Secret Client 1.0")]
        try gateway.dispatch()
        _ = try gateway.process(mail)
        gateway.sender.reset()
        try gateway.dispatch()

        for (reader, language) in [(c.mediator, Language.fr), (c.company, .en)] {
            let copy = try #require(gateway.copies(to: reader.address).first)
            let personal = gateway.replyAddress(reader, in: c.room)
            #expect(copy.to.map(\.address) == [reader.originalAddress])
            #expect(copy.cc.isEmpty && copy.bcc.isEmpty)
            #expect(copy.from.map(\.address) == [personal])
            #expect(copy.replyTo.map(\.address) == [personal])
            let pseudonym = language == .fr ? "Consommateur 1" : "Consumer 1"
            #expect(copy.from.first?.name == "\(pseudonym) via Truce")
            #expect(copy.subject == "[Truce #\(c.number)] Frais de résiliation")
            #expect(copy.header("DKIM-Signature") == nil)
            #expect(copy.headers(named: "Received").isEmpty)
            #expect(copy.header("X-Mailer") == nil)
            #expect(copy.header(RelayComposer.loopHeader) == GatewayFixture.gatewayAddress)
            #expect(copy.text?.contains("120 € de frais") == true)
            let raw = String(decoding: gateway.sender.accepted.first { $0.recipient == reader.originalAddress }!.message, as: UTF8.self)
            #expect(!raw.contains("Alice Dupont"), "the consumer's real name stays hidden")
            #expect(!raw.lowercased().contains(alice.address))
        }
    }

    @Test(arguments: [(Language.fr, "aparté"), (.en, "aside")])
    func anAsideSubjectIsTaggedInTheRecipientsLanguage(_ language: Language, _ word: String) async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase(language: language)
        let aside = try gateway.openAside(in: c, with: [c.consumers[0]], subject: "Remboursement")
        try gateway.dispatch()
        _ = try gateway.process(.to(gateway.replyAddress(c.consumers[0], in: aside), from: c.consumers[0].address))
        gateway.sender.reset()
        try gateway.dispatch()
        let copy = try #require(gateway.copies(to: c.mediator.address).first)
        #expect(copy.subject == "[Truce #\(c.number) · \(word)] Remboursement")
        #expect(copy.from.map(\.address) == [gateway.replyAddress(c.mediator, in: aside)])
    }

    /// A title or a name with a line break must not add a header to anyone's copy.
    @Test func noHeaderCanBeInjectedThroughATitleOrADisplayName() async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase(title: "Frais\r\nBcc: victim@evil.test")
        try gateway.execute("UPDATE participants SET display_name = ? WHERE id = ?", ["Acme\r\nBcc: victim2@evil.test\r\n\r\nbody", c.company.id])
        _ = try gateway.process(.to(gateway.replyAddress(c.company, in: c.room), from: c.company.address))
        try gateway.dispatch()
        #expect(try gateway.allDeliveries().allSatisfy { $0.state == .sent }, "a bad title or name must not stop the copies")
        #expect(!gateway.sender.envelopes.isEmpty)
        for envelope in gateway.sender.envelopes {
            let message = MailMessage(parsing: envelope.message)
            #expect(message.bcc.isEmpty)
            #expect(message.headers(named: "Bcc").isEmpty)
            let raw = String(decoding: envelope.message, as: UTF8.self)
            let head = raw.components(separatedBy: "\r\n\r\n").first ?? ""
            #expect(!head.split(separator: "\r\n").contains { $0.lowercased().hasPrefix("bcc:") })
        }
    }
}
