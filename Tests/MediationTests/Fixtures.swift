@testable import Mediation

/// A small case: a mediator, a two-person legal team, three consumers (one named publicly,
/// one withdrawn), a lawyer and an expert.
enum Fixture {
    static let caseNumber: Int64 = 42
    static let mediator = Participant(id: 1, caseNumber: 42, role: .mediator, address: "Marie.Mediatrice@Mediation.example", displayName: "Marie Martin", language: .fr)
    static let acmeAnna = Participant(id: 2, caseNumber: 42, role: .company, address: "anna@acme.example", displayName: "Acme (legal team)", language: .en)
    static let acmeBob = Participant(id: 3, caseNumber: 42, role: .company, address: "bob@acme.example", displayName: "Acme (legal team)", language: .en)
    static let consumer1 = Participant(id: 10, caseNumber: 42, role: .consumer, address: "jean@example.fr", displayName: "Jean Dupont", language: .fr, pseudonym: 1)
    static let consumer2 = Participant(id: 11, caseNumber: 42, role: .consumer, address: "zoe@example.com", displayName: "Zoe Public", language: .en, pseudonym: 2, namePublic: true)
    static let consumer3 = Participant(id: 12, caseNumber: 42, role: .consumer, address: "gone@example.fr", displayName: "Paul Parti", language: .fr, state: .withdrawn, pseudonym: 3)
    static let lawyer = Participant(id: 20, caseNumber: 42, role: .lawyer, address: "avocat@cabinet.example", displayName: "Maître Leroy", language: .fr)
    static let expert = Participant(id: 21, caseNumber: 42, role: .expert, address: "expert@lab.example", displayName: "Dr Expert", language: .en)
    static let everyone = [mediator, acmeAnna, acmeBob, consumer1, consumer2, consumer3, lawyer, expert]

    static let room = Channel(id: 100, caseNumber: 42, kind: .room)
    static let notes = Channel(id: 101, caseNumber: 42, kind: .notes)
    static let aside = Channel(id: 102, caseNumber: 42, kind: .aside, subject: "Refund terms", createdBy: 1, memberIDs: [1, 2, 10, 21])

    static let gateway = try! GatewayAddress("truce@mediation.test")
}
