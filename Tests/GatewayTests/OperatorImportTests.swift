import Foundation
import Mediation
import Store
import Testing
@testable import Gateway

@Suite("Operator: adding participants")
struct OperatorImportTests {
    static let claimants = """
        name,email,language,claim_amount
        Jeanne Petit,jeanne@consumer.test,fr,120.50
        Tom Baker,tom@consumer.test,en
        "Dupont, Jean",jean.dupont@consumer.test,,80
        No Address,not-an-address,fr
        ,nameless@consumer.test,fr
        Hans Weber,hans@consumer.test,de
        Too,many@consumer.test,fr,1,2

        Lucie Roy,LUCIE@consumer.test
        Lucie Again,lucie@consumer.test,fr
        """

    @Test func badRowsAreReportedByLineAndSkipped() async throws {
        let fixture = try await OperatorFixture()
        let number = try fixture.openAcmeCase().caseRecord.number
        let report = try fixture.desk.importClaimants(caseNumber: number, csv: Self.claimants, language: .en)

        #expect(report.rejected.map(\.line) == [5, 6, 7, 8])
        #expect(report.rejected[0].reason.contains("not-an-address"))
        #expect(report.rejected[1].reason.contains("name is empty"))
        #expect(report.rejected[2].reason.contains("unknown language 'de'"))
        #expect(report.rejected[3].reason.contains("5 column(s)"))
        #expect(report.added.map(\.displayName) == ["Jeanne Petit", "Tom Baker", "Dupont, Jean", "Lucie Roy"])
        #expect(report.added.map(\.language) == [.fr, .en, .en, .en])
        #expect(report.added.map(\.pseudonym) == [1, 2, 3, 4])
        // The same address twice in one file (in another case) joins once.
        #expect(report.alreadyPresent.map(\.address) == ["lucie@consumer.test"])
        #expect(report.welcomes == 4)
    }

    @Test func runningTheSameImportAgainAddsNobody() async throws {
        let fixture = try await OperatorFixture()
        let number = try fixture.openAcmeCase().caseRecord.number
        let first = try fixture.desk.importClaimants(caseNumber: number, csv: Self.claimants)
        let deliveriesAfterFirst = try fixture.queued().count

        let second = try fixture.desk.importClaimants(caseNumber: number, csv: Self.claimants)
        #expect(second.added.isEmpty)
        #expect(second.alreadyPresent.count == first.added.count + first.alreadyPresent.count)
        #expect(second.welcomes == 0)
        #expect(try fixture.queued().count == deliveriesAfterFirst)
        #expect(try fixture.store.read { try $0.participants(caseNumber: number) }.count == 4 + 4)
    }

    @Test func consumersAndLawyersAreWelcomedAndExpertsAreNot() async throws {
        let fixture = try await OperatorFixture()
        let number = try fixture.openAcmeCase().caseRecord.number
        let before = try fixture.queued().count
        let report = try fixture.desk.addParticipants(caseNumber: number, [
            Newcomer(role: .consumer, party: PartyAddress(name: "Jeanne", address: "jeanne@consumer.test")),
            Newcomer(role: .expert, party: PartyAddress(name: "Dr Roux", address: "roux@expert.test")),
            Newcomer(role: .lawyer, party: PartyAddress(name: "Me Blanc", address: "blanc@law.test")),
        ])
        #expect(report.added.map(\.role) == [.consumer, .expert, .lawyer])
        #expect(report.welcomes == 2)
        let welcomed = try fixture.queued().dropFirst(before).map(\.recipient.address)
        #expect(welcomed == ["jeanne@consumer.test", "blanc@law.test"])
    }

    @Test func maxConsumersIsRefusedBeforeAnythingIsWritten() async throws {
        let fixture = try await OperatorFixture(mediation: ["max_consumers: 3"])
        let number = try fixture.openAcmeCase().caseRecord.number
        let newcomers = (1...4).map {
            Newcomer(role: .consumer, party: PartyAddress(name: "Consumer \($0)", address: "c\($0)@consumer.test"))
        }
        let error = try #require(throws: OperatorError.self) {
            try fixture.desk.addParticipants(caseNumber: number, newcomers)
        }
        #expect(error.reason == .tooManyConsumers)
        #expect(error.message.contains("4 consumers, more than mediation.max_consumers (3); nobody was added"))
        #expect(try fixture.store.read { try $0.participants(caseNumber: number) }.filter { $0.role == .consumer }.isEmpty)

        // Addresses already in the case do not count twice.
        _ = try fixture.desk.addParticipants(caseNumber: number, Array(newcomers.prefix(3)))
        let again = try fixture.desk.addParticipants(caseNumber: number, Array(newcomers.prefix(3)))
        #expect(again.alreadyPresent.count == 3)
        #expect(throws: OperatorError.self) { try fixture.desk.addParticipants(caseNumber: number, [newcomers[3]]) }
    }

    @Test func largeImportsCommitInBatchesAndReportProgress() async throws {
        let fixture = try await OperatorFixture()
        let number = try fixture.openAcmeCase().caseRecord.number
        let csv = (1...1_200).map { "Claimant \($0),claimant\($0)@consumer.test,fr" }.joined(separator: "\n")
        var progress: [Int] = []
        let report = try fixture.desk.importClaimants(caseNumber: number, csv: csv) { done, total in
            #expect(total == 1_200)
            progress.append(done)
        }
        #expect(progress == [500, 1_000, 1_200])
        #expect(report.added.count == 1_200)
        #expect(report.added.last?.pseudonym == 1_200)
        #expect(report.welcomes == 1_200)
    }

    @Test func nobodyJoinsAClosedOrMissingCase() async throws {
        let fixture = try await OperatorFixture()
        let number = try fixture.openAcmeCase().caseRecord.number
        let jeanne = Newcomer(role: .consumer, party: PartyAddress(name: "Jeanne", address: "jeanne@consumer.test"))
        let missing = try #require(throws: OperatorError.self) { try fixture.desk.addParticipants(caseNumber: 99, [jeanne]) }
        #expect(missing.reason == .noSuchCase)
        try fixture.store.write { try $0.closeCase(number: number, settled: false, at: OperatorFixture.now) }
        let closed = try #require(throws: OperatorError.self) { try fixture.desk.addParticipants(caseNumber: number, [jeanne]) }
        #expect(closed.reason == .caseClosed)
    }
}
