import Foundation
import Mediation
import Store
import Testing
@testable import Gateway

@Suite("Operator: opening an aside")
struct OperatorAsideTests {
    /// Acme's case with Jeanne (Consumer 1), two consumers both named Jean Dupont (Consumers 2
    /// and 3), and an expert.
    private func caseWithConsumers(_ fixture: OperatorFixture) throws -> Int64 {
        let number = try fixture.openAcmeCase().caseRecord.number
        _ = try fixture.desk.addParticipants(caseNumber: number, [
            Newcomer(role: .consumer, party: PartyAddress(name: "Jeanne Petit", address: "jeanne@consumer.test")),
            Newcomer(role: .consumer, party: PartyAddress(name: "Jean Dupont", address: "jd1@consumer.test")),
            Newcomer(role: .consumer, party: PartyAddress(name: "Jean Dupont", address: "jd2@consumer.test")),
            Newcomer(role: .expert, party: PartyAddress(name: "Dr Roux", address: "roux@expert.test")),
        ])
        return number
    }

    @Test func eachMemberAndTheMediatorGetsTheAsideOpening() async throws {
        let fixture = try await OperatorFixture()
        let number = try caseWithConsumers(fixture)
        let before = try fixture.queued().count

        let opened = try fixture.desk.openAside(
            caseNumber: number, with: ["Consommateur 1", "jd2@consumer.test", "Acme", "roux@expert.test"],
            subject: "Remboursements")

        #expect(opened.channel.kind == .aside)
        #expect(opened.channel.subject == "Remboursements")
        #expect(opened.channel.createdBy == nil)
        let addresses = Set(opened.members.map(\.address))
        #expect(addresses == ["jeanne@consumer.test", "jd2@consumer.test", "legal@company.test", "counsel@company.test",
                              "roux@expert.test", "claire@mediator.test"])
        let openings = try fixture.queued().dropFirst(before)
        #expect(openings.count == 6)
        #expect(openings.allSatisfy { $0.post.kind == .asideOpening && $0.post.channelID == opened.channel.id })
        #expect(Set(openings.map(\.recipient.address)) == addresses)
    }

    @Test func unknownAndAmbiguousNamesOpenNothing() async throws {
        let fixture = try await OperatorFixture()
        let number = try caseWithConsumers(fixture)
        let before = try fixture.queued().count

        let unknown = try #require(throws: OperatorError.self) {
            try fixture.desk.openAside(caseNumber: number, with: ["Consumer 1", "nobody@outsider.test"])
        }
        #expect(unknown.reason == .unknownName)
        #expect(unknown.message.contains("'nobody@outsider.test' is not an active participant of case \(number)"))

        let ambiguous = try #require(throws: OperatorError.self) {
            try fixture.desk.openAside(caseNumber: number, with: ["Jean Dupont"])
        }
        #expect(ambiguous.reason == .ambiguousName)
        #expect(ambiguous.message.contains("Consumer 2"))
        #expect(ambiguous.message.contains("Consumer 3"))

        #expect(try fixture.store.channels(caseNumber: number).map(\.kind) == [.room, .notes])
        #expect(try fixture.queued().count == before)
    }

    @Test func theSubjectDefaultsToTheMembersNames() async throws {
        let fixture = try await OperatorFixture()
        let number = try caseWithConsumers(fixture)
        let opened = try fixture.desk.openAside(caseNumber: number, with: ["#1"])
        #expect(opened.channel.subject == "Aparté : Consommateur 1")
    }
}
