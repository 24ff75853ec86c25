import Foundation
import MIME
import Mediation
import Store
import Testing
@testable import Gateway

@Suite("The settlement agreement: review by the lawyer, then one copy per party")
struct ProtocoleTests {
    /// A settled case: Client 1 (claim 100 €) and Client 2 (250.50 €) accept 40 % of their
    /// claim, Client 3 declines; the mediator closes as settled. With `lawyer`, the case has
    /// a lawyer, Maître Roux; with `note`, the mediator files it in the case's notes first.
    static func settledCase(lawyer: Bool = true, note: String? = nil,
                            language: Language = .fr) async throws -> (LifecycleHarness, Participant?) {
        let gateway = try await LifecycleHarness(consumers: 3, claims: [Money(units: 100), Money(units: 250, cents: 50), nil],
                                                 language: language)
        var roux: Participant?
        if lawyer {
            roux = try gateway.store.write { session in
                try session.addParticipant(caseNumber: gateway.caseRecord.number, role: .lawyer, address: "roux@avocats.test",
                                           displayName: "Maître Roux", language: language, at: LifecycleHarness.opening)
            }
        }
        try gateway.receive(from: gateway.company.originalAddress, to: try gateway.roomAddress(gateway.company),
                            text: LifecycleOfferTests.percentOffer)
        let offers = try gateway.dispatch()
        for (index, consumer) in gateway.consumers.enumerated() {
            let copy = try #require(offers.to(consumer.originalAddress).first)
            try gateway.receive(from: consumer.originalAddress, to: try gateway.roomAddress(consumer),
                                text: index < 2 ? "J'accepte." : "Je refuse.", inReplyTo: copy.messageID)
        }
        if let note {
            let notes = try gateway.store.read { try $0.notes(caseNumber: gateway.caseRecord.number) }
            try gateway.receive(from: gateway.mediator.originalAddress,
                                to: gateway.context.addresses.replyAddress(caseNumber: gateway.caseRecord.number,
                                                                          channel: notes.id, participant: gateway.mediator.id),
                                subject: "Fwd: courrier d'Acme", text: note)
        }
        try gateway.receive(from: gateway.mediator.originalAddress, to: try gateway.roomAddress(gateway.mediator),
                            text: "/close settled")
        return (gateway, roux)
    }

    /// A reply with a file attached, taken in by Intake.
    static func receive(_ gateway: LifecycleHarness, from: String, to: String, text: String,
                        attachment: (name: String, type: String, body: String)) throws {
        var builder = MessageBuilder()
        builder.from = MailAddress(name: nil, address: from)
        builder.to = [MailAddress(name: nil, address: to)]
        builder.subject = "Re: protocole"
        builder.messageID = MessageBuilder.newMessageID(domain: "avocats.test")
        builder.date = gateway.clock.now
        builder.text = text + "\n"
        builder.attachments = [OutgoingAttachment(filename: attachment.name, contentType: attachment.type,
                                                  data: Data(attachment.body.utf8))]
        let raw = try builder.build()
        _ = try gateway.store.recordInbound(raw: raw, uidValidity: nil, uid: nil, messageID: builder.messageID,
                                            sha256: RawDigest.sha256Hex(raw), receivedAt: gateway.clock.now)
        _ = try Intake(context: gateway.context).run()
    }

    /// The agreement attached to a message: its text, when the message carries the file.
    static func agreement(_ message: MailMessage) -> String? {
        message.attachments.first { $0.filename?.hasPrefix("protocole-accord-") == true
            || $0.filename?.hasPrefix("settlement-agreement-") == true }
            .map { String(decoding: $0.data, as: UTF8.self) }
    }

    static func protocole(_ gateway: LifecycleHarness) throws -> ProtocoleRecord? {
        try gateway.store.read { try $0.protocole(caseNumber: gateway.caseRecord.number) }
    }

    @Test func theDraftGoesToTheLawyerAloneWithEveryTermAndTheWholeAnnex() async throws {
        let (gateway, lawyer) = try await Self.settledCase()
        let roux = try #require(lawyer)
        let sent = try gateway.dispatch()
        let review = try #require(sent.to(roux.originalAddress).first { $0.subject?.contains("Protocole d'accord à relire") == true })
        // A short body saying what to do, and the agreement as a UTF-8 text file.
        let body = try #require(review.text)
        let name = "protocole-accord-\(gateway.caseRecord.number).txt"
        #expect(body.contains("est en pièce jointe : \(name)"))
        #expect(body.contains("/approuver"))
        #expect(body.contains("fichier texte (.txt, UTF-8)"))
        #expect(!body.contains("Consommateur 1 |"), "the agreement is no longer in the body")
        let file = try #require(review.attachments.first)
        #expect(review.attachments.count == 1)
        #expect(file.filename == name)
        #expect(file.contentType == "text/plain")
        #expect(file.part.charset == "utf-8")
        let text = try #require(Self.agreement(review))
        #expect(text.contains("PROTOCOLE D'ACCORD"))
        #expect(text.contains("Médiation collective n° \(gateway.caseRecord.number) — « Frais cachés »"))
        #expect(text.contains("- la société Acme"))
        #expect(text.contains("- Claire Martin, médiateur"))
        #expect(text.contains("- Maître Roux, avocat"))
        #expect(text.contains("40\u{00A0}% de la réclamation"))
        #expect(text.contains("Acme présente ses excuses à chacun."))
        #expect(text.contains("frais de 20 % du montant brut"))
        #expect(text.contains("4. CONFIDENTIALITÉ"))
        #expect(text.contains("Consommateur 1 | Client 1 | 40,00\u{00A0}€ | 8,00\u{00A0}€ | 32,00\u{00A0}€"))
        #expect(text.contains("Consommateur 2 | Client 2 | 100,20\u{00A0}€ | 20,04\u{00A0}€ | 80,16\u{00A0}€"))
        #expect(!text.contains("Client 3"), "a consumer who declined is not in the annex")
        #expect(text.contains("Total (2 consommateur(s)) | | 140,20\u{00A0}€"))
        #expect(!text.contains("n'a pas d'avocat"))
        for party in [gateway.company, gateway.mediator] + gateway.consumers {
            #expect(!sent.to(party.originalAddress).contains { $0.subject?.contains("Protocole") == true })
        }
        let record = try #require(try Self.protocole(gateway))
        #expect(record.state == .draft)
        #expect(record.reviewerID == roux.id)
        #expect(record.text == record.renderedText)
        #expect(text.contains(record.text.trimmingCharacters(in: .newlines)))
    }

    @Test func onceApprovedEachConsumerReadsOnlyTheirOwnLine() async throws {
        let (gateway, lawyer) = try await Self.settledCase()
        let roux = try #require(lawyer)
        let review = try #require(try gateway.dispatch().to(roux.originalAddress).last)
        try gateway.receive(from: roux.originalAddress, to: try gateway.roomAddress(roux), text: "/approve",
                            inReplyTo: review.messageID)
        let sent = try gateway.dispatch()

        #expect(try Self.protocole(gateway)?.state == .approved)
        #expect(sent.to(roux.originalAddress).contains { $0.text?.contains("Protocole d'accord approuvé : envoyé à 5 destinataire(s).") == true })
        for party in [gateway.company, gateway.mediator, roux] {
            let message = try #require(sent.to(party.originalAddress).first { $0.subject?.contains("Protocole d'accord approuvé") == true })
            #expect(message.text?.contains("Son texte intégral est en pièce jointe") == true)
            let copy = Self.agreement(message)
            #expect(copy?.contains("Client 1 | 40,00") == true)
            #expect(copy?.contains("Client 2 | 100,20") == true)
            #expect(copy?.contains("Total (2 consommateur(s))") == true)
        }
        let (alice, bob, carol) = (gateway.consumers[0], gateway.consumers[1], gateway.consumers[2])
        let aliceMessage = try #require(sent.to(alice.originalAddress).first)
        #expect(aliceMessage.text?.contains("Votre exemplaire est en pièce jointe") == true)
        #expect(aliceMessage.attachments.count == 1)
        for part in [aliceMessage.text ?? ""] + aliceMessage.attachments.map({ String(decoding: $0.data, as: UTF8.self) }) {
            #expect(!part.contains("Client 2") && !part.contains("client2@"), "no part of Client 1's mail names Client 2")
        }
        let aliceCopy = try #require(Self.agreement(aliceMessage))
        #expect(aliceCopy.contains("Consommateur 1 | Client 1 | 40,00\u{00A0}€ | 8,00\u{00A0}€ | 32,00\u{00A0}€"))
        #expect(aliceCopy.contains("4. CONFIDENTIALITÉ"))
        #expect(aliceCopy.contains("seule la ligne vous concernant"))
        for leak in ["Client 2", "Consommateur 2", "100,20", "80,16", "140,20", "Total", "client2@"] {
            #expect(!aliceCopy.contains(leak), "Client 1's copy shows \(leak)")
        }
        let bobCopy = try #require(sent.to(bob.originalAddress).first.flatMap(Self.agreement))
        #expect(bobCopy.contains("Consommateur 2 | Client 2 | 100,20\u{00A0}€"))
        #expect(!bobCopy.contains("Client 1") && !bobCopy.contains("40,00") && !bobCopy.contains("Total"))
        #expect(sent.to(carol.originalAddress).isEmpty, "a consumer who declined receives no agreement")

        let kinds = try gateway.store.read { try $0.auditEvents(caseNumber: gateway.caseRecord.number) }.lifecycle.map(\.kind)
        #expect(kinds.suffix(3) == ["settlement.recorded", "protocole.drafted", "protocole.approved"])
        guard case .success = try CaseAudit.verify(caseNumber: gateway.caseRecord.number, store: gateway.store) else {
            Issue.record("the audit chain does not verify")
            return
        }
    }

    @Test func approveFromAnyoneButTheReviewingLawyerIsRefused() async throws {
        let (gateway, lawyer) = try await Self.settledCase()
        _ = try #require(lawyer)
        try gateway.dispatch()
        for party in [gateway.company, gateway.consumers[0], gateway.mediator] {
            try gateway.receive(from: party.originalAddress, to: try gateway.roomAddress(party), text: "/approve")
        }
        let sent = try gateway.dispatch()
        #expect(try Self.protocole(gateway)?.state == .draft)
        for party in [gateway.company, gateway.consumers[0], gateway.mediator] {
            let answers = sent.to(party.originalAddress)
            #expect(answers.count == 1)
            #expect(answers.first?.text?.contains("Seul l'avocat chargé de la relecture") == true)
            #expect(answers.first?.subject?.contains("Protocole d'accord approuvé") != true)
        }
        #expect(!MailCommand.approve.isAllowed(for: .consumer))
        #expect(!MailCommand.approve.isAllowed(for: .company))
        #expect(MailCommand.approve.isAllowed(for: .lawyer))
        #expect(CommandBlock(parsing: "/approuver").commands == [.approve])
    }

    @Test func aCorrectedVersionAttachedReplacesTheDraft() async throws {
        let (gateway, lawyer) = try await Self.settledCase()
        let roux = try #require(lawyer)
        try gateway.dispatch()
        let draft = try #require(try Self.protocole(gateway)).text
        let corrected = draft.replacingOccurrences(of: "5. EFFETS", with: "5. RENONCIATION\nClause ajoutée par l'avocat.\n\n6. EFFETS")
        try Self.receive(gateway, from: roux.originalAddress, to: try gateway.roomAddress(roux), text: "Voici ma version.",
                         attachment: ("protocole-corrige.txt", "text/plain", corrected))
        let resent = try gateway.dispatch()
        let record = try #require(try Self.protocole(gateway))
        #expect(record.state == .draft)
        #expect(record.text == corrected)
        #expect(record.renderedText == draft)
        #expect(record.correctedFilename == "protocole-corrige.txt")
        #expect(record.correctedBytes == Data(corrected.utf8))
        #expect(resent.to(roux.originalAddress).contains { $0.subject?.contains("(version corrigée)") == true
            && Self.agreement($0)?.contains("Clause ajoutée par l'avocat.") == true })

        // A correction naming a consumer before the annex would reach every consumer: refused.
        let leaky = corrected.replacingOccurrences(of: "Clause ajoutée", with: "Client 2 renonce ; clause ajoutée")
        try Self.receive(gateway, from: roux.originalAddress, to: try gateway.roomAddress(roux), text: "",
                         attachment: ("v2.txt", "text/plain", leaky))
        #expect(try gateway.dispatch().to(roux.originalAddress).first?.text?.contains("« client 2 » apparaît avant l'annexe") == true)
        #expect(try Self.protocole(gateway)?.text == corrected)

        try gateway.receive(from: roux.originalAddress, to: try gateway.roomAddress(roux), text: "/approuver")
        let sent = try gateway.dispatch()
        #expect(sent.to(gateway.company.originalAddress).first.flatMap(Self.agreement)?.contains("Clause ajoutée par l'avocat.") == true)
        let aliceCopy = try #require(sent.to(gateway.consumers[0].originalAddress).first.flatMap(Self.agreement))
        #expect(aliceCopy.contains("Clause ajoutée par l'avocat."))
        #expect(aliceCopy.contains("Client 1 | 40,00"))
        #expect(!aliceCopy.contains("Client 2"))
        let kinds = try gateway.store.read { try $0.auditEvents(caseNumber: gateway.caseRecord.number) }.lifecycle.map(\.kind)
        #expect(kinds.suffix(3) == ["protocole.drafted", "protocole.corrected", "protocole.approved"])
    }

    @Test func withoutALawyerTheMediatorReviewsWithANote() async throws {
        let (gateway, _) = try await Self.settledCase(lawyer: false)
        let review = try #require(try gateway.dispatch().to(gateway.mediator.originalAddress)
            .first { $0.subject?.contains("Protocole d'accord à relire") == true })
        #expect(review.text?.contains("Cette médiation n'a pas d'avocat") == true)
        #expect(Self.agreement(review)?.contains("- Maître") == false)
        try gateway.receive(from: gateway.mediator.originalAddress, to: try gateway.roomAddress(gateway.mediator), text: "/approve")
        #expect(try Self.protocole(gateway)?.state == .approved)
        #expect(try gateway.dispatch().to(gateway.consumers[1].originalAddress).first.flatMap(Self.agreement)?.contains("Client 2 | 100,20") == true)
    }

    @Test func theEnglishTemplateRendersTheSameAgreement() async throws {
        let gateway = try await LifecycleHarness(consumers: 1, claims: [Money(units: 100)], language: .en)
        try gateway.store.write { session in
            try session.recordSettlement(caseNumber: gateway.caseRecord.number, offerID: nil, feeBasisPoints: 1_250,
                                         at: LifecycleHarness.opening)
        }
        let document = try gateway.store.read {
            try ProtocoleDocument(caseNumber: gateway.caseRecord.number, session: $0, date: LifecycleHarness.opening)
        }
        let text = try document.whole(templates: gateway.context.composer.templates)
        #expect(text.hasPrefix("SETTLEMENT AGREEMENT"))
        #expect(text.contains("a fee of 12.5% of the gross amount"))
        #expect(text.contains("4. CONFIDENTIALITY"))
        #expect(text.contains("without an offer in figures"))
        #expect(ProtocoleDocument.beforeAnnex(text)?.hasSuffix("Done on December 1, 2026.\n\n") == true)
    }
}
