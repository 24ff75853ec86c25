import Foundation
import Testing
@testable import Mediation

@Suite("Settlement ledger: amounts, fee and net")
struct LifecycleSettlementLedgerTests {
    static func accepted(_ id: Int64, _ cents: Int64) -> SettlementOutcome {
        SettlementOutcome(consumerID: id, pseudonym: "C\(id)", standing: .accepted(Money(minorUnits: cents)))
    }

    @Test("Fee rounds half-up at half a cent", arguments: [
        // (gross, fee) in cents at 20 %: 0.13 € → 0.026 € → 0.03 €; 0.12 € → 0.024 € → 0.02 €.
        (13, 3), (12, 2), (2, 0), (3, 1), (15_000, 3_000), (15_001, 3_000), (15_003, 3_001),
    ] as [(Int64, Int64)])
    func feeRoundsHalfUp(gross: Int64, fee: Int64) {
        let ledger = SettlementLedger(currency: .euro, outcomes: [Self.accepted(1, gross)])
        #expect(ledger.settled[0].fee.minorUnits == fee)
        #expect(ledger.settled[0].net.minorUnits == gross - fee)
    }

    @Test func exactlyHalfACentRoundsUp() {
        // 12.5 % of 0.04 € is exactly 0.005 €: half-up gives 0.01 €.
        let ledger = SettlementLedger(currency: .euro, feeBasisPoints: 1_250, outcomes: [Self.accepted(1, 4)])
        #expect(ledger.settled[0].fee.minorUnits == 1)
        #expect(ledger.settled[0].net.minorUnits == 3)
        // 12.5 % of 0.12 € is 0.015 €: 0.02 €.
        #expect(SettlementLedger(currency: .euro, feeBasisPoints: 1_250, outcomes: [Self.accepted(1, 12)]).settled[0].fee.minorUnits == 2)
    }

    @Test func nobodyIsChargedOnNothing() {
        let ledger = SettlementLedger(currency: .euro, outcomes: [
            Self.accepted(1, 0),
            SettlementOutcome(consumerID: 2, pseudonym: "C2", standing: .declined),
            SettlementOutcome(consumerID: 3, pseudonym: "C3", standing: .noAnswer),
            SettlementOutcome(consumerID: 4, pseudonym: "C4", standing: .withdrawn),
        ])
        #expect(ledger.settled.map(\.fee) == [.zero()])
        #expect(ledger.unsettled.map(\.consumerID) == [2, 3, 4])
        #expect(ledger.unsettled.allSatisfy { $0.gross.isZero && $0.fee.isZero && $0.net.isZero })
        #expect(ledger.totalFee == .zero())
    }

    @Test("Ten thousand consumers add up to the cent", arguments: [2_000, 1_250, 3_333])
    func tenThousandConsumersAddUpToTheCent(feeBasisPoints: Int) {
        // A deterministic spread of amounts, including every residue of the fee rounding.
        var outcomes: [SettlementOutcome] = []
        var expectedGross: Int64 = 0, expectedFee: Int64 = 0
        for id in Int64(1)...10_000 {
            let cents = (id * 7_919) % 250_000
            if id % 5 == 0 {
                outcomes.append(SettlementOutcome(consumerID: id, pseudonym: "C\(id)", standing: .declined))
                continue
            }
            outcomes.append(Self.accepted(id, cents))
            // Independent computation: the exact decimal fee, rounded half away from zero.
            let exact = Decimal(cents) * Decimal(feeBasisPoints) / Decimal(10_000)
            var rounded = Decimal()
            var value = exact
            NSDecimalRound(&rounded, &value, 0, .plain)
            expectedGross += cents
            expectedFee += NSDecimalNumber(decimal: rounded).int64Value
        }
        let ledger = SettlementLedger(currency: .euro, feeBasisPoints: feeBasisPoints, outcomes: outcomes)
        #expect(ledger.settled.count == 8_000)
        #expect(ledger.unsettled.count == 2_000)
        #expect(ledger.settled.allSatisfy { $0.fee.minorUnits + $0.net.minorUnits == $0.gross.minorUnits })
        #expect(ledger.totalGross.minorUnits == expectedGross)
        #expect(ledger.totalFee.minorUnits == expectedFee)
        #expect(ledger.totalNet.minorUnits == expectedGross - expectedFee)
    }

    @Test func csvHasOneRowPerConsumer() {
        let ledger = SettlementLedger(currency: .euro, outcomes: [
            Self.accepted(1, 15_000),
            SettlementOutcome(consumerID: 2, pseudonym: "Dupont, \"Jo\"", standing: .declined),
            SettlementOutcome(consumerID: 3, pseudonym: "=HYPERLINK(1)", standing: .noAnswer),
        ])
        let rows = [
            #"consumer,pseudonym,gross,fee,net,currency"#,
            #"1,C1,150.00,30.00,120.00,EUR"#,
            #"2,"Dupont, ""Jo""",0.00,0.00,0.00,EUR"#,
            #"3,'=HYPERLINK(1),0.00,0.00,0.00,EUR"#,
        ]
        #expect(ledger.csv() == rows.map { $0 + "\r\n" }.joined())
    }

    @Test func jsonCarriesMinorUnitsAndTheRule() throws {
        let ledger = SettlementLedger(currency: .euro, outcomes: [Self.accepted(1, 15_003)])
        let object = try JSONSerialization.jsonObject(with: Data(ledger.json().utf8)) as? [String: Any]
        let totals = object?["totals"] as? [String: Any]
        #expect(totals?["gross"] as? Int == 15_003)
        #expect(totals?["fee"] as? Int == 3_001)
        #expect(totals?["net"] as? Int == 12_002)
        #expect(object?["feeBasisPoints"] as? Int == 2_000)
        #expect((object?["rounding"] as? String)?.contains("half-up") == true)
    }

    @Test func tableStatesTheRoundingRuleAndTotals() {
        let ledger = SettlementLedger(currency: .euro, outcomes: [
            Self.accepted(1, 15_000), Self.accepted(22, 2),
            SettlementOutcome(consumerID: 3, pseudonym: "C3", standing: .declined),
        ])
        #expect(ledger.table() == """
        Settlement ledger (EUR), platform fee 20 %
        Rounding: fee = gross × 20 %, rounded half-up to the cent; net = gross − fee, so fee + net = gross on every line; totals are sums of lines.

        consumer  pseudonym    gross    fee     net
        --------  ----------  ------  -----  ------
               1  C1          150.00  30.00  120.00
              22  C22           0.02   0.00    0.02
        --------  ----------  ------  -----  ------
           total  2 accepted  150.02  30.00  120.02

        Obtained nothing, charged nothing (declined, no answer, withdrawn):
               3  C3            0.00   0.00    0.00  declined

        """)
    }
}
