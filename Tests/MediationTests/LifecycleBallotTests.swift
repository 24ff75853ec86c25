import Foundation
import Testing
@testable import Mediation

@Suite("Ballots: reading answers")
struct LifecycleBallotChoiceTests {
    @Test("Accepts from the start of the text", arguments: [
        "accept", "Accept", "I accept", "I accept the offer.", "J'accepte", "j’accepte l'offre", "ACCEPTE",
        "Accepté", "oui", "Oui, merci", "yes please", "Bonjour,\n\nJ'accepte.", "Hello Ms Martin,\nI accept",
        "\n\n  accept  \n",
    ])
    func readsAccept(text: String) {
        #expect(BallotChoice.read(text: text, subject: nil) == .accept)
    }

    @Test("Declines from the start of the text", arguments: [
        "decline", "I decline", "Je refuse", "je refuse cette offre", "REFUSE", "refusé", "non", "Non merci",
        "No, thank you", "Bonjour,\nJe refuse.",
    ])
    func readsDecline(text: String) {
        #expect(BallotChoice.read(text: text, subject: nil) == .decline)
    }

    @Test("Ambiguous or buried answers are nil", arguments: [
        "", "Bonjour,", "Merci pour votre message.\nJ'accepte", "Non, j'accepte", "I don't accept",
        "j'accepte pas", "Je n'accepte pas", "acceptable?", "I decline, no wait, I accept", "maybe",
        "Bonjour, je voudrais savoir si j'accepte",
    ])
    func ambiguousIsNil(text: String) {
        #expect(BallotChoice.read(text: text, subject: nil) == nil)
    }

    @Test func mailtoSubjectsAreRead() {
        #expect(BallotChoice.read(text: nil, subject: "ACCEPT offer #3") == .accept)
        #expect(BallotChoice.read(text: "", subject: "ACCEPTER l'offre n°3") == .accept)
        #expect(BallotChoice.read(text: nil, subject: "DECLINE offer #3") == .decline)
        #expect(BallotChoice.read(text: nil, subject: "REFUSER l'offre n°3") == .decline)
        #expect(BallotChoice.read(text: nil, subject: "Re: RE: ACCEPT offer #3") == .accept)
        #expect(BallotChoice.read(text: nil, subject: "Re: Offer #3 from the company") == nil)
    }

    @Test func subjectAndTextMustAgree() {
        #expect(BallotChoice.read(text: "Je refuse", subject: "ACCEPTER l'offre n°3") == nil)
        #expect(BallotChoice.read(text: "J'accepte", subject: "ACCEPTER l'offre n°3") == .accept)
        #expect(BallotChoice.read(text: "Merci", subject: "ACCEPT offer #3") == .accept)
        #expect(BallotChoice.read(text: "Je refuse", subject: "Re: Offre n°3") == .decline)
    }
}

@Suite("Ballots: the rules of the ballot box")
struct LifecycleBallotBoxTests {
    static let opened = Date(timeIntervalSince1970: 1_795_863_600)
    static let deadline = opened.addingTimeInterval(14 * 86_400)

    static func box(terms kind: OfferTerms.Kind = .fixed(Money(minorUnits: 15_000)), status: OfferStatus = .open) -> BallotBox {
        let terms = OfferTerms(kind: kind, currency: .euro, deadline: deadline, timeZone: OfferParser.defaultTimeZone, details: "")
        let offer = Offer(id: 3, caseID: 1, source: .company, terms: terms, issuedAt: opened, status: status)
        return BallotBox(offer: offer, voters: [
            .init(consumerID: 10, pseudonym: "Consommateur 10", claim: Money(minorUnits: 50_000)),
            .init(consumerID: 11, pseudonym: "Consommateur 11", claim: Money(minorUnits: 20_001)),
            .init(consumerID: 12, pseudonym: "Consommateur 12", claim: nil),
            .init(consumerID: 13, pseudonym: "Consommateur 13", claim: Money(minorUnits: 1_000), isActive: false),
        ])
    }

    static func ballot(_ consumer: Int64, _ choice: BallotChoice, at offset: TimeInterval = 3_600,
                       addressedTo addressee: Int64? = nil, offer: Int64 = 3) -> Ballot {
        Ballot(offerID: offer, consumerID: consumer, addressedConsumerID: addressee ?? consumer,
               choice: choice, castAt: opened.addingTimeInterval(offset))
    }

    @Test func recordsAnAnswerWithWhatTheConsumerObtains() throws {
        var box = Self.box()
        let receipt = try box.record(Self.ballot(10, .accept))
        #expect(receipt.previousChoice == nil)
        #expect(receipt.entitlement.amount == Money(minorUnits: 15_000))
        #expect(box.choice(of: 10) == .accept)
    }

    @Test func theLastAnswerBeforeTheDeadlineCounts() throws {
        var box = Self.box()
        try box.record(Self.ballot(10, .accept, at: 60))
        let changed = try box.record(Self.ballot(10, .decline, at: 120))
        #expect(changed.previousChoice == .accept)
        #expect(box.choice(of: 10) == .decline)
        try box.record(Self.ballot(10, .accept, at: 14 * 86_400 - 1))
        #expect(box.choice(of: 10) == .accept)
        #expect(throws: BallotRefusal.afterDeadline) { try box.record(Self.ballot(10, .decline, at: 14 * 86_400)) }
        #expect(box.choice(of: 10) == .accept)
        #expect(box.ballots.map(\.choice) == [.accept, .decline, .accept])
    }

    @Test func refusesAnotherConsumersBallot() {
        var box = Self.box()
        #expect(throws: BallotRefusal.notThatConsumer) { try box.record(Self.ballot(11, .accept, addressedTo: 10)) }
        #expect(throws: BallotRefusal.notThatConsumer) { try box.record(Self.ballot(99, .accept)) }
        #expect(box.choice(of: 10) == nil)
        #expect(box.ballots.isEmpty)
    }

    @Test func refusesAWithdrawnConsumerAndForgetsTheirAnswer() throws {
        var box = Self.box()
        #expect(throws: BallotRefusal.withdrawn) { try box.record(Self.ballot(13, .accept)) }
        try box.record(Self.ballot(10, .accept))
        box.withdraw(consumerID: 10)
        #expect(box.choice(of: 10) == nil)
        #expect(throws: BallotRefusal.withdrawn) { try box.record(Self.ballot(10, .accept)) }
        #expect(box.tally().acceptedCount == 0)
        #expect(box.tally().withdrawnCount == 2)
    }

    @Test func refusesSupersededAndWithdrawnOffers() throws {
        var box = Self.box()
        try box.record(Self.ballot(10, .accept))
        box.supersede(byOfferID: 4)
        #expect(throws: BallotRefusal.superseded(byOfferID: 4)) { try box.record(Self.ballot(11, .accept)) }
        #expect(box.choice(of: 10) == .accept)
        var withdrawn = Self.box(status: .withdrawn)
        #expect(throws: BallotRefusal.offerWithdrawn) { try withdrawn.record(Self.ballot(10, .accept)) }
        var other = Self.box()
        #expect(throws: BallotRefusal.notForThisOffer) { try other.record(Self.ballot(10, .accept, offer: 2)) }
    }

    @Test func refusalsSayWhatToDoInBothLanguages() {
        #expect(BallotRefusal.superseded(byOfferID: 4).sentence(language: "fr").contains("remplacée par l'offre n°4"))
        #expect(BallotRefusal.superseded(byOfferID: 4).sentence(language: "en").contains("replaced by offer #4"))
        #expect(BallotRefusal.afterDeadline.sentence(language: "fr").contains("date limite"))
    }

    @Test func tallyNamesWhoAcceptedAndOnlyCountsWhoDeclined() throws {
        var box = Self.box(terms: .percentOfClaim(basisPoints: 4_000))
        try box.record(Self.ballot(10, .accept))
        try box.record(Self.ballot(11, .decline))
        let tally = box.tally()
        #expect(tally.acceptances == [.init(consumerID: 10, pseudonym: "Consommateur 10", amount: Money(minorUnits: 20_000))])
        #expect(tally.declinedCount == 1)
        #expect(tally.pendingCount == 1)
        #expect(tally.withdrawnCount == 1)
        #expect(tally.acceptedTotal == Money(minorUnits: 20_000))
        #expect(tally.declinedTotal == Money(minorUnits: 8_000)) // 40 % of 200.01 € is 80.004 €
        #expect(tally.pendingTotal == .zero())
        #expect(tally.shortfallCount == 1)
        #expect(box.shortfalls().map(\.consumerID) == [12])
        #expect(box.shortfalls().map(\.shortfall) == [.noClaimOnRecord])
    }

    @Test func outcomesFeedTheLedger() throws {
        var box = Self.box()
        try box.record(Self.ballot(10, .accept))
        try box.record(Self.ballot(11, .decline))
        #expect(box.outcomes().map(\.standing) == [.accepted(Money(minorUnits: 15_000)), .declined, .noAnswer, .withdrawn])
    }
}
