import Foundation
import Mediation
import Store
import Testing
@testable import Gateway

@Suite("Operator: claims from the CSV import")
struct OperatorClaimImportTests {
    static let claimants = """
        name,email,language,claim_amount
        Jeanne Petit,jeanne@consumer.test,fr,120.50
        Tom Baker,tom@consumer.test,en
        "Dupont, Jean",jean.dupont@consumer.test,,"1 500,00 €"
        Bad Amount,bad@consumer.test,fr,lots
        Negative,negative@consumer.test,fr,-20
        """

    @Test func theFourthColumnIsStoredAsTheClaim() async throws {
        let fixture = try await OperatorFixture()
        let number = try fixture.openAcmeCase().caseRecord.number
        let report = try fixture.desk.importClaimants(caseNumber: number, csv: Self.claimants)

        #expect(report.added.map(\.displayName) == ["Jeanne Petit", "Tom Baker", "Dupont, Jean"])
        let claims = try fixture.store.read { try $0.claims(caseNumber: number) }
        let byName = Dictionary(uniqueKeysWithValues: report.added.map { ($0.displayName, claims[$0.id]?.amount) })
        #expect(byName["Jeanne Petit"] == Money(units: 120, cents: 50))
        #expect(byName["Tom Baker"] == .some(nil))
        #expect(byName["Dupont, Jean"] == Money(units: 1_500))
    }

    @Test func aBadAmountReportsItsLineAndSkipsTheRow() async throws {
        let fixture = try await OperatorFixture()
        let number = try fixture.openAcmeCase().caseRecord.number
        let report = try fixture.desk.importClaimants(caseNumber: number, csv: Self.claimants)

        #expect(report.rejected.map(\.line) == [5, 6])
        #expect(report.rejected[0].reason.contains("'lots' is not an amount"))
        #expect(report.rejected[1].reason.contains("'-20'"))
        let addresses = try fixture.store.read { try $0.participants(caseNumber: number) }.map(\.address)
        #expect(!addresses.contains("bad@consumer.test"))
        #expect(!addresses.contains("negative@consumer.test"))
    }
}
