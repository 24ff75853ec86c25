import Foundation
import Testing
@testable import Mediation

@Suite("Money: reading and writing amounts")
struct LifecycleMoneyTests {
    @Test("French and English amounts read to the same cents", arguments: [
        ("150", 15_000), ("150,00", 15_000), ("150.50", 15_050), ("150,5", 15_050),
        ("1 500 €", 150_000), ("1\u{00A0}500 €", 150_000), ("1\u{202F}500,00\u{00A0}€", 150_000),
        ("1,500.00 EUR", 150_000), ("1.500,00 €", 150_000), ("€1,500.00", 150_000),
        ("1,500", 150_000), ("1.500", 150_000), ("150 euros", 15_000), ("150€", 15_000),
        ("1 234 567,89 €", 123_456_789), ("0,01 €", 1),
    ] as [(String, Int64)])
    func readsAmounts(text: String, cents: Int64) {
        #expect(Money(parsing: text) == Money(minorUnits: cents, currency: .euro))
    }

    @Test func readsCurrenciesBySymbolCodeOrWord() {
        #expect(Money(parsing: "$150")?.currency == .usDollar)
        #expect(Money(parsing: "150 USD")?.currency == .usDollar)
        #expect(Money(parsing: "£20")?.currency == .poundSterling)
        #expect(Money(parsing: "20 GBP")?.currency == .poundSterling)
        #expect(Money(parsing: "20 chf")?.currency == .swissFranc)
        #expect(Money(parsing: "150", defaultCurrency: .usDollar)?.currency == .usDollar)
    }

    @Test("Unreadable amounts are nil, never a guess", arguments: [
        "", "abc", "-150", "1,50,000", "1.500.50", "150,000,00", "150 XYZ", "€150 EUR",
        "1 500.000,00", "15 0", "150,123,4",
    ])
    func refusesUnreadable(text: String) {
        #expect(Money(parsing: text) == nil)
    }

    @Test func formatsInFrenchWithUnbreakableSpaces() {
        let money = Money(minorUnits: 150_000)
        #expect(money.formatted(language: "fr") == "1\u{202F}500,00\u{00A0}€")
        #expect(Money(minorUnits: 1_234_567_89).formatted(language: "fr-FR") == "1\u{202F}234\u{202F}567,89\u{00A0}€")
        #expect(Money(minorUnits: 5).formatted(language: "fr") == "0,05\u{00A0}€")
    }

    @Test func formatsInEnglishWithLeadingSymbol() {
        #expect(Money(minorUnits: 150_000).formatted(language: "en") == "€1,500.00")
        #expect(Money(minorUnits: 2_000, currency: .usDollar).formatted(language: "en") == "$20.00")
        #expect(Money(minorUnits: 150_000, currency: .swissFranc).formatted(language: "en") == "CHF\u{00A0}1,500.00")
    }

    @Test func formattedAmountsReadBack() {
        for cents: Int64 in [0, 1, 99, 100, 15_050, 150_000, 123_456_789] {
            let money = Money(minorUnits: cents)
            #expect(Money(parsing: money.formatted(language: "fr")) == money)
            #expect(Money(parsing: money.formatted(language: "en")) == money)
        }
    }

    @Test("A share rounds half-up to the cent", arguments: [
        (3, 2000, 1), (2, 2000, 0), (25, 2000, 5), (1, 5000, 1), (10_000, 2000, 2_000), (12_345, 4000, 4_938),
    ] as [(Int64, Int, Int64)])
    func shareRoundsHalfUp(cents: Int64, basisPoints: Int, expected: Int64) {
        #expect(Money(minorUnits: cents).share(basisPoints: basisPoints).minorUnits == expected)
    }

    @Test func storedAmountsRoundTripAndNegativeOnesAreRefused() throws {
        let money = Money(minorUnits: 15_050, currency: .poundSterling)
        let data = try JSONEncoder().encode(money)
        #expect(String(decoding: data, as: UTF8.self).contains("\"GBP\""))
        #expect(try JSONDecoder().decode(Money.self, from: data) == money)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Money.self, from: Data(#"{"minorUnits":-1,"currency":"EUR"}"#.utf8))
        }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Money.self, from: Data(#"{"minorUnits":1,"currency":"XYZ"}"#.utf8))
        }
    }
}
