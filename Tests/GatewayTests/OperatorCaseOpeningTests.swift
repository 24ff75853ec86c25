import Foundation
import Mediation
import Store
import Testing
@testable import Gateway

@Suite("Operator: opening a case")
struct OperatorCaseOpeningTests {
    @Test func openingCreatesTheRoomAndTheNotesAndWelcomesEachParty() async throws {
        let fixture = try await OperatorFixture()
        let opened = try fixture.openAcmeCase()

        #expect(opened.caseRecord.companyName == "Acme")
        #expect(opened.caseRecord.language == .fr)
        #expect(opened.caseRecord.deadline == OperatorFixture.now.addingTimeInterval(30 * 86_400))
        let kinds = try fixture.store.channels(caseNumber: opened.caseRecord.number).map(\.kind)
        #expect(kinds == [.room, .notes])

        let roles = opened.participants.map(\.role)
        #expect(roles == [.company, .company, .mediator, .lawyer])
        // The legal team shares the first display name, so naming it names the team.
        #expect(opened.participants.filter { $0.role == .company }.allSatisfy { $0.displayName == "Acme (service juridique)" })

        let queued = try fixture.queued()
        #expect(opened.welcomes == 4)
        #expect(queued.count == 4)
        #expect(Set(queued.map(\.recipient.id)) == Set(opened.participants.map(\.id)))
        #expect(queued.allSatisfy { $0.post.kind == .welcome && $0.post.template == "welcome" })
    }

    @Test func welcomesAreWrittenInTheRecipientsLanguage() async throws {
        let fixture = try await OperatorFixture()
        let opened = try fixture.openAcmeCase(language: .en)
        _ = try fixture.desk.addParticipants(caseNumber: opened.caseRecord.number, [
            Newcomer(role: .consumer, party: PartyAddress(name: "Jeanne", address: "jeanne@consumer.test"), language: .fr),
        ])
        let context = fixture.desk.context
        for (delivery, post, recipient) in try fixture.queued() {
            let (caseRecord, channel, members) = try fixture.store.read { session in
                let channel = try session.channel(id: post.channelID)!
                return (try session.case(number: post.caseNumber)!, channel, try session.members(of: channel))
            }
            let copy = try context.composer.compose(CopyRequest(
                caseRecord: caseRecord, channel: channel, members: members, author: nil, recipient: recipient,
                mediatorName: "Claire Martin", content: .notice(template: post.template!, contextJSON: post.context ?? "{}"),
                messageID: delivery.messageID, threading: ThreadingPlan(parentChain: [])), date: OperatorFixture.now)
            let text = String(decoding: copy, as: UTF8.self)
            if recipient.language == .fr {
                #expect(text.contains("Bonjour"), "the French welcome to \(recipient.address)")
            } else {
                #expect(text.contains("Hello"), "the English welcome to \(recipient.address)")
            }
            #expect(recipient.language == (recipient.role == .consumer ? .fr : .en))
        }
    }

    @Test func daysAndLanguageDefaultToTheConfigurationAndDaysStayWithinTheMaximum() async throws {
        let fixture = try await OperatorFixture()
        var opening = CaseDesk.CaseOpening(
            title: "Abonnements", company: [PartyAddress(name: "Acme", address: "legal@company.test")],
            mediator: PartyAddress(name: "Claire Martin", address: "claire@mediator.test"), roomDays: 91)
        let error = try #require(throws: OperatorError.self) { try fixture.desk.openCase(opening) }
        #expect(error.reason == .invalidArgument)
        #expect(error.message.contains("90 days (mediation.max_days)"))
        #expect(try fixture.store.read { try $0.cases() }.isEmpty)

        opening.roomDays = 90
        let opened = try fixture.desk.openCase(opening)
        #expect(opened.caseRecord.deadline == OperatorFixture.now.addingTimeInterval(90 * 86_400))
        #expect(opened.caseRecord.language == .fr)
    }

    @Test func partiesNeedNamesAndAddressesOfTheirOwn() async throws {
        let fixture = try await OperatorFixture()
        let mediator = PartyAddress(name: "Claire Martin", address: "claire@mediator.test")
        let cases: [(CaseDesk.CaseOpening, String)] = [
            (.init(title: "T", company: [PartyAddress(name: "", address: "legal@company.test")], mediator: mediator),
             "the company needs a name"),
            (.init(title: "T", company: [PartyAddress(name: "Acme", address: "claire@mediator.test")], mediator: mediator),
             "is given twice"),
            (.init(title: "T", company: [PartyAddress(name: "Acme", address: "truce@mediation.test")], mediator: mediator),
             "gateway's own domain"),
            (.init(title: "  ", company: [PartyAddress(name: "Acme", address: "legal@company.test")], mediator: mediator),
             "needs a title"),
        ]
        for (opening, sentence) in cases {
            let error = try #require(throws: OperatorError.self) { try fixture.desk.openCase(opening) }
            #expect(error.message.contains(sentence))
        }
        #expect(try fixture.store.read { try $0.cases() }.isEmpty)
    }

    @Test func addressesAreReadAsAPersonWritesThem() throws {
        let party = try PartyAddress(parsing: "Acme (service juridique) <legal@company.test>")
        #expect(party.name == "Acme (service juridique)")
        #expect(party.baseName == "Acme")
        #expect(party.address == "legal@company.test")
        #expect(try PartyAddress(parsing: " bob@consumer.test ") == PartyAddress(name: "", address: "bob@consumer.test"))
        #expect(try PartyAddress(parsing: "\"Dupont, Jean\" <jd@consumer.test>").name == "Dupont, Jean")
        for bad in ["", "bob", "bob@", "bob@localhost", "Bob <bob@consumer.test", "Bob <b ob@consumer.test>", "a@b@c.test"] {
            #expect(throws: OperatorError.self, "\(bad)") { try PartyAddress(parsing: bad) }
        }
    }
}
