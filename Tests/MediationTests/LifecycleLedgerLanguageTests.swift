import Testing
@testable import Mediation

@Suite("The ledger table in the case's language")
struct LifecycleLedgerLanguageTests {
    static let ledger = SettlementLedger(currency: .euro, feeBasisPoints: 1_250, outcomes: [
        SettlementOutcome(consumerID: 1, pseudonym: "C1", standing: .accepted(Money(units: 150))),
        SettlementOutcome(consumerID: 3, pseudonym: "C3", standing: .noAnswer),
    ])

    @Test func frenchTableHeadersTotalsAndOutcomes() {
        let table = Self.ledger.table(language: .fr)
        #expect(table.hasPrefix("Registre du règlement (EUR), frais de la plateforme 12,5 %\n"))
        #expect(table.contains("Arrondi : frais = brut × 12,5 %"))
        #expect(table.contains("consommateur  pseudonyme"))
        #expect(table.contains("1 acceptation(s)"))
        #expect(table.contains("N'ont rien obtenu, rien n'est prélevé"))
        #expect(table.contains("sans réponse"))
        #expect(!table.contains("Settlement ledger") && !table.contains("noAnswer"))
        // Amounts keep their plain decimal form, whatever the language.
        #expect(table.contains("150.00"))
    }

    @Test func englishStaysTheDefaultAndTheCSVNeverChanges() {
        #expect(Self.ledger.table() == Self.ledger.table(language: .en))
        #expect(Self.ledger.table(language: .en).hasPrefix("Settlement ledger (EUR), platform fee 12.5 %\n"))
        #expect(Self.ledger.table(language: .en).contains("no answer"))
        #expect(!Self.ledger.table(language: .en).contains("noAnswer"))
        #expect(Self.ledger.csv().hasPrefix("consumer,pseudonym,gross,fee,net,currency\r\n"))
    }
}
