import Foundation
import MIME
import Mediation
import Store
import Testing
@testable import Gateway

@Suite("Offers, ballots and the settlement by email")
struct LifecycleOfferTests {
    static let percentOffer = """
        /offer
        pourcentage : 40 % de chaque réclamation
        date limite : 20/12/2026
        Acme présente ses excuses à chacun.
        """

    /// The `mailto:` address in a consumer's copy of an offer, for "ACCEPT" or "DECLINE".
    static func ballotAddress(in copy: MailMessage, line marker: String) throws -> String {
        let text = try #require(copy.text)
        let line = try #require(text.split(separator: "\n").first { $0.contains(marker) && $0.contains("mailto:") })
        let mailto = try #require(line.range(of: "mailto:"))
        let rest = line[mailto.upperBound...]
        return String(rest.prefix { $0 != "?" })
    }

    static func harness() async throws -> LifecycleHarness {
        try await LifecycleHarness(consumers: 3, claims: [Money(units: 100), Money(units: 250, cents: 50), nil])
    }

    @Test func eachConsumerReceivesTheirOwnAmountAndTheirOwnBallotLinks() async throws {
        let gateway = try await Self.harness()
        try gateway.receive(from: gateway.company.originalAddress, to: try gateway.roomAddress(gateway.company), text: Self.percentOffer)
        let sent = try gateway.dispatch()

        let confirmation = try #require(sent.to(gateway.company.originalAddress).first)
        #expect(confirmation.subject?.contains("Offre n° 1 enregistrée") == true)
        #expect(confirmation.text?.contains("40\u{00A0}% de la réclamation de chaque consommateur") == true)
        #expect(confirmation.text?.contains("20 décembre 2026") == true)
        #expect(confirmation.text?.contains("1 consommateur(s) n'ont pas de réclamation") == true)
        let announced = try #require(sent.to(gateway.mediator.originalAddress).first)
        #expect(announced.subject?.contains("transmise aux consommateurs") == true)

        let amounts = ["40,00\u{00A0}€", "100,20\u{00A0}€", "0,00\u{00A0}€"]
        for (index, consumer) in gateway.consumers.enumerated() {
            let copies = sent.to(consumer.originalAddress)
            #expect(copies.count == 1)
            let copy = try #require(copies.first)
            let text = try #require(copy.text)
            #expect(text.contains("Pour vous : \(amounts[index])"))
            for (other, amount) in amounts.enumerated() where other != index {
                #expect(!text.contains("Pour vous : \(amount)"), "consumer \(index) sees another's amount")
            }
            #expect(!text.contains("250,50") && !text.contains("100,00"), "no claim of anyone is quoted")
            #expect(text.contains("libre d'accepter ou de refuser"))
            #expect(text.contains("saisir la justice"))
            #expect(text.contains("Date limite pour répondre : le 20 décembre 2026"))
            #expect(text.contains("Acme présente ses excuses"))
            let accept = try Self.ballotAddress(in: copy, line: "J'ACCEPTE")
            let decline = try Self.ballotAddress(in: copy, line: "JE REFUSE")
            #expect(gateway.context.addresses.read(accept) == .success(.ballot(offer: 1, participant: consumer.id, choice: .accept)))
            #expect(gateway.context.addresses.read(decline) == .success(.ballot(offer: 1, participant: consumer.id, choice: .decline)))
            #expect(text.contains("?subject=ACCEPTER%20l%27offre%20n%C2%B01"))
        }
        #expect(sent.to(gateway.consumers[2].originalAddress).first?.text?.contains("Aucun montant de réclamation") == true)
    }

    @Test func ballotsByAddressAndByReplyAreCountedAndTheLastAnswerBeforeTheDeadlineCounts() async throws {
        let gateway = try await Self.harness()
        let (alice, bob, carol) = (gateway.consumers[0], gateway.consumers[1], gateway.consumers[2])
        try gateway.receive(from: gateway.company.originalAddress, to: try gateway.roomAddress(gateway.company), text: Self.percentOffer)
        let sent = try gateway.dispatch()
        let aliceCopy = try #require(sent.to(alice.originalAddress).first)
        let bobCopy = try #require(sent.to(bob.originalAddress).first)

        // Alice clicks her accept link; Bob replies "J'accepte", then changes his mind.
        gateway.clock.advance(days: 1)
        try gateway.receive(from: alice.originalAddress, to: try Self.ballotAddress(in: aliceCopy, line: "J'ACCEPTE"),
                            subject: "ACCEPTER l'offre n°1", text: "")
        try gateway.receive(from: bob.originalAddress, to: try gateway.roomAddress(bob), text: "J'accepte, merci.",
                            inReplyTo: bobCopy.messageID)
        gateway.clock.advance(days: 1)
        try gateway.receive(from: bob.originalAddress, to: try gateway.roomAddress(bob), text: "Bonjour,\nje refuse finalement.",
                            inReplyTo: bobCopy.messageID)
        let answers = try gateway.dispatch()
        #expect(answers.to(alice.originalAddress).first?.text?.contains("Votre acceptation est enregistrée. Montant prévu pour vous : 40,00\u{00A0}€") == true)
        let bobAnswers = answers.to(bob.originalAddress)
        #expect(bobAnswers.count == 2)
        #expect(bobAnswers.last?.text?.contains("remplace votre réponse précédente (acceptation)") == true)
        #expect(answers.to(gateway.mediator.originalAddress).isEmpty, "an answer is never relayed to the room")

        // Carol uses Alice's forwarded decline link: refused, and Alice's answer stands.
        try gateway.receive(from: carol.originalAddress, to: try Self.ballotAddress(in: aliceCopy, line: "JE REFUSE"),
                            subject: "REFUSER l'offre n°1", text: "")
        let refusal = try gateway.dispatch()
        #expect(refusal.count == 1)
        #expect(refusal.to(carol.originalAddress).first?.text?.contains("personnelle à un autre consommateur") == true)
        #expect(try gateway.store.read { try $0.heldMessages() }.map(\.reason) == [.senderMismatch])

        // The company asks for the tally: counts, totals, and only who accepted by name.
        try gateway.receive(from: gateway.company.originalAddress, to: try gateway.roomAddress(gateway.company), text: "/tally")
        let tally = try #require(try gateway.dispatch().to(gateway.company.originalAddress).first?.text)
        #expect(tally.contains("acceptée par 1 consommateur(s), total 40,00\u{00A0}€"))
        #expect(tally.contains("refusée par 1, total 100,20\u{00A0}€"))
        #expect(tally.contains("sans réponse : 1"))
        #expect(tally.contains("Consommateur 1 — Client 1"))
        #expect(!tally.contains("Client 2") && !tally.contains("Client 3"))

        // After the deadline, Alice's late change of mind is refused; her acceptance stands.
        gateway.clock.set(ISO8601DateFormatter().date(from: "2026-12-21T09:00:00Z")!)
        try gateway.receive(from: alice.originalAddress, to: try Self.ballotAddress(in: aliceCopy, line: "JE REFUSE"),
                            subject: "REFUSER l'offre n°1", text: "")
        #expect(try gateway.dispatch().to(alice.originalAddress).first?.text?.contains("date limite pour répondre à cette offre est passée") == true)

        // A consumer may not ask for the tally.
        try gateway.receive(from: carol.originalAddress, to: try gateway.roomAddress(carol), text: "/tally")
        #expect(try gateway.dispatch().to(carol.originalAddress).first?.text?.contains("Seuls le médiateur et l'entreprise") == true)

        // The mediator closes as settled: the ledger is exact.
        try gateway.receive(from: gateway.mediator.originalAddress, to: try gateway.roomAddress(gateway.mediator), text: "/close settled")
        let ledger = try #require(try gateway.store.settlementLedger(caseNumber: gateway.caseRecord.number))
        #expect(ledger.settled.map(\.consumerID) == [alice.id])
        #expect(ledger.totalGross == Money(units: 40))
        #expect(ledger.totalFee == Money(units: 8))
        #expect(ledger.totalNet == Money(units: 32))
        #expect(ledger.unsettled.map(\.outcome) == [.declined, .noAnswer])
        #expect(ledger.csv().contains("\(alice.id),Consommateur 1,40.00,8.00,32.00,EUR"))
        let closing = try gateway.dispatch()
        #expect(closing.to(gateway.mediator.originalAddress).contains { $0.text?.contains("Registre du règlement (EUR), frais de la plateforme 20 %") == true })
        #expect(closing.to(alice.originalAddress).contains { $0.text?.contains("un accord a été trouvé") == true })

        let kinds = try gateway.store.read { try $0.auditEvents(caseNumber: gateway.caseRecord.number) }.lifecycle.map(\.kind)
        #expect(kinds == ["offer.recorded", "ballot.counted", "ballot.counted", "ballot.counted", "ballot.refused",
                          "command.tally", "ballot.refused", "command.received", "settlement.recorded", "protocole.drafted"])
        guard case .success = try CaseAudit.verify(caseNumber: gateway.caseRecord.number, store: gateway.store) else {
            Issue.record("the audit chain does not verify")
            return
        }
    }

    @Test func aNewOfferSupersedesThePreviousOneAndItsBallotsAreRefused() async throws {
        let gateway = try await Self.harness()
        let alice = gateway.consumers[0]
        try gateway.receive(from: gateway.company.originalAddress, to: try gateway.roomAddress(gateway.company), text: Self.percentOffer)
        let first = try #require(try gateway.dispatch().to(alice.originalAddress).first)
        try gateway.receive(from: gateway.company.originalAddress, to: try gateway.roomAddress(gateway.company),
                            text: "/offer\nmontant : 150 € par consommateur\ndate limite : 22/12/2026")
        let second = try gateway.dispatch()
        for consumer in gateway.consumers {
            let copy = try #require(second.to(consumer.originalAddress).first)
            #expect(copy.text?.contains("Elle remplace l'offre n° 1") == true)
            #expect(copy.text?.contains("Pour vous : 150,00\u{00A0}€") == true)
        }
        #expect(second.to(gateway.mediator.originalAddress).first?.text?.contains("Elle remplace l'offre n° 1") == true)
        try gateway.receive(from: alice.originalAddress, to: try Self.ballotAddress(in: first, line: "J'ACCEPTE"), text: "")
        #expect(try gateway.dispatch().to(alice.originalAddress).first?.text?.contains("remplacée par l'offre n°2") == true)
        let current = try #require(try gateway.store.read { try $0.currentOffer(caseNumber: gateway.caseRecord.number) })
        #expect(current.id == 2)
        #expect(try gateway.store.read { try $0.ballotBox(for: current).tally().acceptedCount } == 0)
    }

    @Test func anOfferThatDoesNotParseIsExplainedWithAnExample() async throws {
        let gateway = try await Self.harness()
        try gateway.receive(from: gateway.company.originalAddress, to: try gateway.roomAddress(gateway.company),
                            text: "/offer\nNous proposons un geste commercial.")
        let sent = try gateway.dispatch()
        #expect(sent.count == 1, "nothing goes to the consumers")
        let answer = try #require(sent.to(gateway.company.originalAddress).first?.text)
        #expect(answer.contains("Votre offre n'a pas été enregistrée"))
        #expect(answer.contains("montant : 150 € par consommateur"))
        #expect(try gateway.store.read { try $0.currentOffer(caseNumber: gateway.caseRecord.number) } == nil)
    }

    @Test func onlyTheCompanyOffersAndOnlyTheMediatorProposes() async throws {
        let gateway = try await Self.harness()
        try gateway.receive(from: gateway.company.originalAddress, to: try gateway.roomAddress(gateway.company),
                            text: "/propose\nmontant : 150 €\ndate limite : 20/12/2026")
        try gateway.receive(from: gateway.consumers[0].originalAddress, to: try gateway.roomAddress(gateway.consumers[0]),
                            text: "/offer\nmontant : 1000 €\ndate limite : 20/12/2026")
        let sent = try gateway.dispatch()
        #expect(sent.count == 2)
        #expect(sent.allSatisfy { $0.message.subject?.contains("Commande non autorisée") == true })
        try gateway.receive(from: gateway.mediator.originalAddress, to: try gateway.roomAddress(gateway.mediator),
                            text: "/propose\nmontant : 90 € par consommateur\ndate limite : 20/12/2026")
        let proposal = try gateway.dispatch()
        #expect(proposal.to(gateway.consumers[0].originalAddress).first?.subject?.contains("Proposition de solution n° 1") == true)
    }

    @Test func aWithdrawnConsumersAnswerIsVoid() async throws {
        let gateway = try await Self.harness()
        let alice = gateway.consumers[0]
        try gateway.receive(from: gateway.company.originalAddress, to: try gateway.roomAddress(gateway.company), text: Self.percentOffer)
        let copy = try #require(try gateway.dispatch().to(alice.originalAddress).first)
        try gateway.receive(from: alice.originalAddress, to: try Self.ballotAddress(in: copy, line: "J'ACCEPTE"), text: "")
        try gateway.receive(from: alice.originalAddress, to: try gateway.roomAddress(alice), text: "/retrait")
        let offer = try #require(try gateway.store.read { try $0.currentOffer(caseNumber: gateway.caseRecord.number) })
        let tally = try gateway.store.read { try $0.ballotBox(for: offer).tally() }
        #expect(tally.acceptedCount == 0 && tally.withdrawnCount == 1)
    }
}
