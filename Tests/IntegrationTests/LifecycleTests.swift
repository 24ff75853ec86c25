import Foundation
import MIME
import Mediation
import Store
import Testing
@testable import Gateway

/// A clock the test moves, standing in for `truce serve --now`.
final class SteppingClock: Mediation.Clock, @unchecked Sendable {
    private let lock = NSLock()
    private var instant = Date()
    var now: Date { lock.withLock { instant } }
    func set(_ date: Date) { lock.withLock { instant = date } }
}

/// An offer, ballots, the deadline and the settlement, and the room's clock, on the real
/// Postfix and Dovecot.
@Suite("The mediation lifecycle on the real mail stack", .enabled(if: LocalStack.isUp))
struct LifecycleTests {
    /// The address of a `mailto:` line of an offer copy.
    static func ballotAddress(in copy: MailMessage, marker: String) throws -> String {
        let line = try #require(copy.text?.split(separator: "\n").first { $0.contains(marker) && $0.contains("mailto:") })
        let start = try #require(line.range(of: "mailto:")).upperBound
        return String(line[start...].prefix { $0 != "?" })
    }

    @Test func anOfferIsAnsweredByEmailAndTheSettledLedgerIsExact() async throws {
        let clock = SteppingClock()
        let gateway = try await GatewayUnderTest(clock: clock)
        let tag = gateway.tag
        let claire = Party("Claire", domain: "mediator.test", tag: tag)
        let acme = Party("Juridique", domain: "company.test", tag: tag)
        let consumers = (1...3).map { Party("Client \($0)", domain: "consumer.test", tag: tag) }
        let setup = try CaseSetup.open(on: gateway, title: "Frais cachés", mediator: claire, company: acme, consumers: consumers)
        let claims = [Money(units: 100), Money(units: 250, cents: 50), Money(units: 80)]
        for (row, claim) in zip(setup.consumers, claims) {
            try gateway.store.setClaim(participantID: row.id, amount: claim, at: clock.now)
        }
        try gateway.runCycle()
        let acmeWelcome = try #require(try acme.awaitInbox(count: 1).first)

        // The legal team emails its offer to the room address.
        let formatter = DateFormatter()
        formatter.dateFormat = "dd/MM/yyyy"
        formatter.timeZone = TimeZone(identifier: "Europe/Paris")
        let lastDay = clock.now.addingTimeInterval(10 * 86_400)
        try acme.reply(to: acmeWelcome, text: "/offer\npourcentage : 40 % de chaque réclamation\ndate limite : \(formatter.string(from: lastDay))\nAvec nos excuses.")
        try gateway.runCycles(untilRecorded: 1)
        let confirmation = try #require(try acme.awaitInbox(count: 2).last)
        #expect(confirmation.subject?.contains("Offre n° 1 enregistrée") == true)

        // Each consumer gets their own amount and their own ballot links.
        var copies: [MailMessage] = []
        for (party, amount) in zip(consumers, ["40,00\u{00A0}€", "100,20\u{00A0}€", "32,00\u{00A0}€"]) {
            let copy = try #require(try party.awaitInbox(count: 2).last)
            #expect(copy.text?.contains("Pour vous : \(amount)") == true)
            #expect(copy.text?.contains("saisir la justice") == true)
            copies.append(copy)
        }
        for (index, copy) in copies.enumerated() {
            for other in copies.indices where other != index {
                let othersAccept = try Self.ballotAddress(in: copies[other], marker: "J'ACCEPTE")
                #expect(copy.text?.contains(othersAccept) == false)
            }
        }

        // Client 1 clicks "accept"; Client 2 replies "J'accepte"; Client 3 clicks "accept",
        // then changes their mind by replying "je refuse".
        try consumers[0].write(to: try Self.ballotAddress(in: copies[0], marker: "J'ACCEPTE"),
                               subject: "ACCEPTER l'offre n°1", text: "")
        try consumers[1].reply(to: copies[1], text: "J'accepte.")
        try consumers[2].write(to: try Self.ballotAddress(in: copies[2], marker: "J'ACCEPTE"),
                               subject: "ACCEPTER l'offre n°1", text: "")
        try gateway.runCycles(untilRecorded: 3)
        try consumers[2].awaitInbox(count: 3)
        try consumers[2].reply(to: copies[2], text: "Bonjour,\nJe refuse, finalement.")
        try gateway.runCycles(untilRecorded: 1)
        let changed = try #require(try consumers[2].awaitInbox(count: 4).last)
        #expect(changed.text?.contains("Votre refus est enregistré") == true)
        #expect(changed.text?.contains("remplace votre réponse précédente (acceptation)") == true)
        #expect(try consumers[0].awaitInbox(count: 3).last?.text?.contains("Votre acceptation est enregistrée") == true)
        #expect(try consumers[1].awaitInbox(count: 3).last?.text?.contains("Montant prévu pour vous : 100,20\u{00A0}€") == true)

        // The deadline passes: a late answer is refused.
        let offer = try #require(try gateway.store.read { try $0.currentOffer(caseNumber: setup.caseRecord.number) })
        clock.set(offer.terms.deadline.addingTimeInterval(3_600))
        try consumers[0].write(to: try Self.ballotAddress(in: copies[0], marker: "JE REFUSE"),
                               subject: "REFUSER l'offre n°1", text: "")
        try gateway.runCycles(untilRecorded: 1)
        #expect(try consumers[0].awaitInbox(count: 4).last?.text?.contains("date limite pour répondre à cette offre est passée") == true)

        // The mediator closes as settled; the ledger is exact to the cent.
        let claireLatest = try #require(try claire.awaitInbox(count: 2).last)
        try claire.reply(to: claireLatest, text: "/close settled")
        try gateway.runCycles(untilRecorded: 1)
        let ledger = try #require(try gateway.store.settlementLedger(caseNumber: setup.caseRecord.number))
        #expect(ledger.settled.map(\.consumerID) == [setup.consumers[0].id, setup.consumers[1].id])
        #expect(ledger.settled.map(\.gross) == [Money(units: 40), Money(units: 100, cents: 20)])
        #expect(ledger.settled.map(\.fee) == [Money(units: 8), Money(units: 20, cents: 4)])
        #expect(ledger.totalGross == Money(units: 140, cents: 20))
        #expect(ledger.totalFee == Money(units: 28, cents: 4))
        #expect(ledger.totalNet == Money(units: 112, cents: 16))
        #expect(ledger.unsettled.map(\.outcome) == [.declined])
        try LocalStack.eventually("the ledger at the mediator") {
            try claire.inbox().contains { $0.text?.contains("Registre du règlement (EUR)") == true } ? true : nil
        }

        // Without a lawyer, the mediator reviews the settlement agreement and approves it;
        // each consumer who accepted then reads only their own line of the annex.
        let review = try LocalStack.eventually("the agreement to review at the mediator") {
            try claire.inbox().first { $0.subject?.contains("Protocole d'accord à relire") == true }
        }
        // The agreement travels as a UTF-8 text file; the body says what to do with it.
        func agreement(_ message: MailMessage) -> String? {
            message.attachments.first { $0.filename?.hasPrefix("protocole-accord-") == true && $0.contentType == "text/plain" }
                .map { String(decoding: $0.data, as: UTF8.self) }
        }
        #expect(review.text?.contains("est en pièce jointe : protocole-accord-") == true)
        #expect(review.text?.contains("Consommateur 2 |") == false)
        #expect(agreement(review)?.contains("Consommateur 2 | Client 2 | 100,20\u{00A0}€") == true)
        try claire.reply(to: review, text: "/approuver")
        try gateway.runCycles(untilRecorded: 1)
        let whole = try LocalStack.eventually("the approved agreement at the company") {
            try acme.inbox().first { $0.subject?.contains("Protocole d'accord approuvé") == true }
        }
        #expect(agreement(whole)?.contains("Client 1 | 40,00") == true && agreement(whole)?.contains("Client 2 | 100,20") == true)
        for (index, own, other) in [(0, "Client 1 | 40,00", "Client 2"), (1, "Client 2 | 100,20", "Client 1")] {
            let copy = try LocalStack.eventually("the agreement at consumer \(index + 1)") {
                try consumers[index].inbox().first { $0.subject?.contains("Protocole d'accord approuvé") == true }
            }
            let file = try #require(agreement(copy), "consumer \(index + 1)'s copy carries the agreement as a file")
            #expect(file.contains(own))
            #expect(!file.contains(other))
            #expect(copy.text?.contains(other) == false)
            #expect(copy.attachments.count == 1)
        }
        #expect(try consumers[2].inbox().contains { $0.subject?.contains("Protocole") == true } == false)

        // Nobody's inbox carries another party's real address.
        let parties = [claire, acme] + consumers
        for party in parties {
            for raw in try party.inboxRaw() {
                let text = String(decoding: raw, as: UTF8.self).lowercased()
                for other in parties where other.address != party.address {
                    #expect(!text.contains(other.address.lowercased()), "\(other.address) seen by \(party.address)")
                }
            }
        }
    }

    @Test func theRoomRemindsClosesOnItsDeadlineAndLaterMailGetsTheClosingNotice() async throws {
        let clock = SteppingClock()
        let gateway = try await GatewayUnderTest(clock: clock)
        let claire = Party("Claire", domain: "mediator.test", tag: gateway.tag)
        let acme = Party("Juridique", domain: "company.test", tag: gateway.tag)
        let alice = Party("Alice", domain: "consumer.test", tag: gateway.tag)
        let setup = try CaseSetup.open(on: gateway, title: "Retards", mediator: claire, company: acme, consumers: [alice])
        try gateway.runCycle()
        let welcome = try #require(try alice.awaitInbox(count: 1).first)

        clock.set(setup.caseRecord.deadline.addingTimeInterval(-7 * 86_400 + 60))
        try gateway.runCycle()
        // Postfix keeps no order between messages: the reminder is in before the close is sent.
        for party in [claire, acme, alice] { _ = try party.awaitInbox(count: 2) }
        clock.set(setup.caseRecord.deadline.addingTimeInterval(60))
        try gateway.runCycle()
        for party in [claire, acme, alice] {
            let inbox = try party.awaitInbox(count: 3)
            #expect(inbox[1].subject?.contains("Rappel : la salle de médiation ferme le") == true)
            #expect(inbox[2].subject?.contains("La salle de médiation est fermée") == true)
        }

        try alice.reply(to: welcome, text: "Je n'ai toujours pas été livrée.")
        try alice.reply(to: welcome, text: "Vraiment pas.")
        try gateway.runCycles(untilRecorded: 2)
        let notice = try #require(try alice.awaitInbox(count: 4).last)
        #expect(notice.text?.contains("votre message n'a pas été distribué") == true)
        #expect(try gateway.heldReasons() == [.caseClosed, .caseClosed])
        try gateway.runCycle()
        #expect(try alice.inbox().count == 4, "one notice a day, not one per message")
        #expect(try claire.inbox().count == 3, "nothing relayed after the close")
    }
}
