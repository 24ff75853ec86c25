import Testing
@testable import Mediation

@Suite("Participants and public names")
struct ParticipantTests {
    @Test("a consumer appears under a pseudonym in the reader's language")
    func pseudonyms() {
        #expect(Fixture.consumer1.publicName(in: .fr) == "Consommateur 1")
        #expect(Fixture.consumer1.publicName(in: .en) == "Consumer 1")
    }

    @Test("a consumer who made their name public, and every other role, appear by name")
    func publicNames() {
        #expect(Fixture.consumer2.publicName(in: .fr) == "Zoe Public")
        #expect(Fixture.acmeAnna.publicName(in: .fr) == "Acme (legal team)")
        #expect(Fixture.mediator.publicName(in: .en) == "Marie Martin")
        #expect(Fixture.expert.publicName(in: .fr) == "Dr Expert")
    }

    @Test("relayed copies say who wrote via the gateway")
    func relayName() {
        #expect(Fixture.consumer1.relayDisplayName(gatewayName: "Truce", in: .en) == "Consumer 1 via Truce")
    }

    @Test("addresses are matched lowercased and kept as written")
    func addressForms() {
        #expect(Fixture.mediator.address == "marie.mediatrice@mediation.example")
        #expect(Fixture.mediator.originalAddress == "Marie.Mediatrice@Mediation.example")
        #expect(Participant.matchingForm(of: " <Bob@Acme.Example> ") == "bob@acme.example")
    }
}

@Suite("Channel membership")
struct ChannelMembershipTests {
    func ids(_ participants: [Participant]) -> Set<Int64> { Set(participants.map(\.id)) }

    @Test("the room holds every active participant but experts")
    func room() {
        #expect(ids(Fixture.room.members(among: Fixture.everyone)) == [1, 2, 3, 10, 11, 20])
    }

    @Test("a post reaches the other active members, never its author")
    func recipients() {
        #expect(ids(Fixture.room.recipients(ofPostBy: Fixture.consumer1, among: Fixture.everyone)) == [1, 2, 3, 11, 20])
        #expect(ids(Fixture.aside.recipients(ofPostBy: Fixture.mediator, among: Fixture.everyone)) == [2, 10, 21])
        #expect(ids(Fixture.aside.recipients(ofPostBy: nil, among: Fixture.everyone)) == [1, 2, 10, 21])
    }

    @Test("nothing in an aside reaches a non-member")
    func asideIsPrivate() {
        let outsiders = Fixture.everyone.filter { ![1, 2, 10, 21].contains($0.id) }
        for author in Fixture.everyone {
            let reached = ids(Fixture.aside.recipients(ofPostBy: author, among: Fixture.everyone))
            #expect(reached.isDisjoint(with: ids(outsiders)))
        }
    }

    @Test("the notes are never relayed, and only the mediator writes there")
    func notes() {
        #expect(Fixture.notes.recipients(ofPostBy: Fixture.mediator, among: Fixture.everyone).isEmpty)
        #expect(Fixture.notes.mayPost(Fixture.mediator, caseState: .open))
        #expect(!Fixture.notes.mayPost(Fixture.acmeAnna, caseState: .open))
    }

    @Test("a participant of another case is never a member")
    func otherCase() {
        var stranger = Fixture.consumer1
        stranger.caseNumber = 7
        #expect(!Fixture.room.admits(stranger))
    }

    @Test("only the mediator or the operator opens asides")
    func asideOpeners() {
        #expect(Channel.mayOpenAside(nil))
        #expect(Channel.mayOpenAside(Fixture.mediator))
        for participant in Fixture.everyone where participant.role != .mediator {
            #expect(!Channel.mayOpenAside(participant))
        }
    }
}
