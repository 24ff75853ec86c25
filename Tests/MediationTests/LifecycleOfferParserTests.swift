import Foundation
import Testing
@testable import Mediation

@Suite("Offers: reading /offer and /propose emails")
struct LifecycleOfferParserTests {
    static let paris = TimeZone(identifier: "Europe/Paris")!
    /// 28 November 2026, noon in Paris.
    static let now = Date(timeIntervalSince1970: 1_795_863_600)
    let parser = OfferParser(now: LifecycleOfferParserTests.now)

    /// Midnight at the end of 20 December 2026 in Paris (UTC+1 in winter).
    static let endOfDecember20 = Date(timeIntervalSince1970: 1_797_807_600)

    @Test func readsFrenchKeyLines() throws {
        let terms = try parser.parse("""
        /offer
        montant : 150 € par consommateur
        date limite : 20/12/2026
        Un bon d'achat de 20 € est aussi offert.
        """)
        #expect(terms.kind == .fixed(Money(minorUnits: 15_000)))
        #expect(terms.currency == .euro)
        #expect(terms.deadline == Self.endOfDecember20)
        #expect(terms.details == "Un bon d'achat de 20 € est aussi offert.")
    }

    @Test func readsEnglishKeyLines() throws {
        let terms = try parser.parse("""
        /offer
        amount: 1,500.00
        currency: USD
        deadline: 2026-12-20

        We also replace the faulty units.
        """)
        #expect(terms.kind == .fixed(Money(minorUnits: 150_000, currency: .usDollar)))
        #expect(terms.currency == .usDollar)
        #expect(terms.deadline == Self.endOfDecember20)
        #expect(terms.details == "We also replace the faulty units.")
    }

    @Test("Each key form is read", arguments: [
        "montant : 150 €\ndate limite : 20/12/2026",
        "Montant: 150 € par consommateur\nÉchéance : 20 décembre 2026",
        "amount: 150 EUR\ndeadline: December 20, 2026",
        "amount: 150\ndevise : euros\ndate-limite : 2026-12-20",
        "AMOUNT: 150\nCurrency: €\nDeadline: 20 December 2026",
        "montant\u{00A0}: 150\u{202F}€\nDate limite\u{00A0}: dimanche 20 décembre 2026",
    ])
    func readsKeyForms(body: String) throws {
        let terms = try parser.parse("/offer\n" + body)
        #expect(terms.kind == .fixed(Money(minorUnits: 15_000)))
        #expect(terms.deadline == Self.endOfDecember20)
    }

    @Test("Natural one-line forms are read", arguments: [
        "150 EUR per consumer\nanswer by December 20, 2026",
        "150 € par consommateur\nrépondre avant le 20 décembre 2026",
        "150 € par consommateur, date limite : 20/12/2026",
        "€150 per consumer, deadline 2026-12-20.",
        "150,00 € par consommateur\nRéponse avant le dimanche 20 décembre 2026",
    ])
    func readsNaturalFixedForms(body: String) throws {
        let terms = try parser.parse("/offer\n" + body)
        #expect(terms.kind == .fixed(Money(minorUnits: 15_000)))
        #expect(terms.deadline == Self.endOfDecember20)
        #expect(terms.details.isEmpty)
    }

    @Test("Percentages of each claim are read", arguments: [
        ("40% of each claim", 4_000), ("40 % de chaque réclamation", 4_000), ("40 % du préjudice", 4_000),
        ("12,5 % de chaque demande", 1_250), ("12.25% of each consumer's claim", 1_225),
        ("pourcentage : 40 %", 4_000), ("percent: 40", 4_000), ("montant : 40 % de chaque réclamation", 4_000),
    ] as [(String, Int)])
    func readsPercentages(line: String, basisPoints: Int) throws {
        let terms = try parser.parse("/propose\n\(line)\ndeadline: 2026-12-20")
        #expect(terms.kind == .percentOfClaim(basisPoints: basisPoints))
    }

    @Test func commandMayCarryTheTermsOnItsLine() throws {
        let terms = try parser.parse("/offer 150 € par consommateur, répondre avant le 20/12/2026")
        #expect(terms.kind == .fixed(Money(minorUnits: 15_000)))
        #expect(OfferParser.source(of: "/offer 150 €") == .company)
        #expect(OfferParser.source(of: "\n/propose\n") == .mediator)
        #expect(OfferParser.source(of: "/offering") == nil)
    }

    @Test func aSentenceAroundTheTermsStaysInTheFreeText() throws {
        let terms = try parser.parse("""
        /offer
        Nous proposons 150 € par consommateur et un bon d'achat.
        date limite : 20/12/2026
        """)
        #expect(terms.kind == .fixed(Money(minorUnits: 15_000)))
        #expect(terms.details == "Nous proposons 150 € par consommateur et un bon d'achat.")
    }

    @Test func deadlineIsTheEndOfTheDayInTheGivenZone() throws {
        let newYork = TimeZone(identifier: "America/New_York")!
        let terms = try OfferParser(now: Self.now, timeZone: newYork).parse("/offer\n150 € per consumer\ndeadline: 2026-12-20")
        #expect(terms.deadline == Date(timeIntervalSince1970: 1_797_829_200)) // 2026-12-21 05:00 UTC
        #expect(terms.lastDayToAnswer == DateComponents(year: 2026, month: 12, day: 20))
    }

    @Test func usMonthFirstDateIsReadWhenItCannotBeDayFirst() throws {
        let terms = try parser.parse("/offer\n150 € per consumer\ndeadline: 12/20/2026")
        #expect(terms.deadline == Self.endOfDecember20)
    }

    @Test func todayIsStillAValidDeadline() throws {
        let terms = try parser.parse("/offer\n150 € per consumer\ndeadline: 2026-11-28")
        #expect(terms.deadline > Self.now)
    }

    @Test func pastDeadlineIsRefusedWithTheDaySpelledOut() {
        #expect(throws: OfferParseError.self) { try parser.parse("/offer\n150 € per consumer\ndeadline: 2026-11-27") }
        do {
            _ = try parser.parse("/offer\n150 € per consumer\ndeadline: 2026-11-27")
        } catch {
            #expect(error.problems == [.deadlinePassed(DateComponents(year: 2026, month: 11, day: 27))])
            #expect(error.message(language: "en").contains("The deadline of November 27, 2026 has already passed."))
            #expect(error.message(language: "fr").contains("La date limite du 27 novembre 2026 est déjà passée."))
        }
    }

    @Test("Bad offers list every problem", arguments: [
        ("/offer\nHello", [OfferParseError.Problem.missingAmount, .missingDeadline]),
        ("Hello\n150 € per consumer", [.notAnOffer]),
        ("/offer\nWe offer 150 €.\ndeadline: 2026-12-20", [.amountWithoutBasis("150 €")]),
        ("/offer\namount: lots\ndeadline: soon", [.unreadableAmount("lots"), .unreadableDeadline("soon")]),
        ("/offer\n150 € per consumer\namount: 200 €\ndeadline: 2026-12-20", [.ambiguousAmount(["150 € per consumer", "200 €"])]),
        ("/offer\n150 € per consumer\n40% of each claim\ndeadline: 2026-12-20", [.ambiguousAmount(["150 € per consumer", "40% of each claim"])]),
        ("/offer\n150 € per consumer\ndeadline: 2026-12-20\ndate limite : 21/12/2026", [.ambiguousDeadline(["2026-12-20", "21/12/2026"])]),
        ("/offer\n150 € per consumer\ncurrency: USD\ndeadline: 2026-12-20", [.conflictingCurrency(["EUR", "USD"])]),
        ("/offer\n150 per consumer\ncurrency: doubloons\ndeadline: 2026-12-20", [.unknownCurrency("doubloons")]),
        ("/offer\n0 € per consumer\ndeadline: 2026-12-20", [.zeroAmount]),
        ("/offer\npercent: 140\ndeadline: 2026-12-20", [.percentOutOfRange("140")]),
        ("/offer\n150 € per consumer\ndeadline: 31/02/2027", [.unreadableDeadline("31/02/2027")]),
    ] as [(String, [OfferParseError.Problem])])
    func reportsProblems(text: String, problems: [OfferParseError.Problem]) {
        do {
            let terms = try parser.parse(text)
            Issue.record("Expected an error, got \(terms)")
        } catch {
            #expect(error.problems == problems)
        }
    }

    @Test func sameAmountTwiceIsNotAmbiguous() throws {
        let terms = try parser.parse("/offer\n150 € par consommateur\nmontant : 150,00 €\ndate limite : 20/12/2026")
        #expect(terms.kind == .fixed(Money(minorUnits: 15_000)))
    }

    @Test func errorMessageExplainsTheFormWithAFutureExample() throws {
        do {
            _ = try parser.parse("/propose\nbonjour")
            Issue.record("Expected an error")
        } catch {
            let french = error.message(language: "fr")
            #expect(french.contains("Il manque le montant"))
            #expect(french.contains("Il manque la date limite pour répondre."))
            #expect(french.contains("/propose\nmontant : 150 € par consommateur\ndate limite : 28/12/2026"))
            let english = error.message(language: "en")
            #expect(english.contains("The amount is missing"))
            #expect(english.contains("/propose\namount: 150 EUR per consumer\ndeadline: 2026-12-28"))
            // The example in the message is itself an acceptable offer.
            let example = english.components(separatedBy: "\n\n")[2]
            #expect(throws: Never.self) { try parser.parse(example) }
        }
    }

    @Test func summaryStatesTheTermsInBothLanguages() throws {
        let terms = try parser.parse("/offer\nmontant : 1 500 € par consommateur\ndate limite : 20/12/2026\nEt nos excuses.")
        #expect(terms.summary(language: "fr") == """
        Montant : 1\u{202F}500,00\u{00A0}€ par consommateur
        Date limite pour répondre : 20 décembre 2026, jusqu'à minuit (heure Europe/Paris)
        Autres éléments : 
        Et nos excuses.
        """)
        let percent = try parser.parse("/offer\n12.5% of each claim\nanswer by December 20, 2026")
        #expect(percent.summary(language: "en") == """
        Amount: 12.5% of each consumer's claim (EUR)
        Deadline to answer: December 20, 2026, until midnight (Europe/Paris time)
        Other terms: none
        """)
    }

    @Test func eachConsumerGetsTheirOwnAmount() throws {
        let fixed = try parser.parse("/offer\n150 € per consumer\ndeadline: 2026-12-20")
        #expect(fixed.amount(forClaim: nil) == Money(minorUnits: 15_000))
        #expect(fixed.amount(forClaim: Money(minorUnits: 99)) == Money(minorUnits: 15_000))

        let percent = try parser.parse("/offer\n40% of each claim\ndeadline: 2026-12-20")
        #expect(percent.amount(forClaim: Money(minorUnits: 50_000)) == Money(minorUnits: 20_000))
        // 40 % of 0.03 € is 0.012 €; of 0.04 € is 0.016 €: half-up rounding to the cent.
        #expect(percent.amount(forClaim: Money(minorUnits: 3)) == Money(minorUnits: 1))
        #expect(percent.amount(forClaim: Money(minorUnits: 4)) == Money(minorUnits: 2))
        let noClaim = percent.entitlement(forClaim: nil)
        #expect(noClaim.amount == .zero())
        #expect(noClaim.shortfall == .noClaimOnRecord)
        let dollars = percent.entitlement(forClaim: Money(minorUnits: 1_000, currency: .usDollar))
        #expect(dollars.amount == .zero())
        #expect(dollars.shortfall == .claimInOtherCurrency(.usDollar))
    }

    @Test func termsRoundTripThroughStorage() throws {
        let terms = try parser.parse("/offer\n40 % de chaque réclamation\ndate limite : 20/12/2026\nEt nos excuses.")
        let decoded = try JSONDecoder().decode(OfferTerms.self, from: JSONEncoder().encode(terms))
        #expect(decoded == terms)
    }
}
