import Foundation
import Gateway
import Mediation
import Store

/// A case with its parties, opened the way the operator opens one: participants added and
/// each sent a welcome from their personal room address.
struct CaseSetup {
    let caseRecord: Case
    let room: Channel
    let mediator: Participant
    let company: Participant
    let consumers: [Participant]

    static func open(
        on gateway: GatewayUnderTest, title: String, mediator: Party, company: Party, consumers: [Party],
        language: Language = .fr
    ) throws -> CaseSetup {
        let now = gateway.context.clock.now
        return try gateway.store.write { session in
            let caseRecord = try session.createCase(
                title: title, companyName: "Acme", language: language, openedAt: now, roomDays: 30)
            let mediatorRow = try session.addParticipant(
                caseNumber: caseRecord.number, role: .mediator, address: mediator.address,
                displayName: mediator.name, language: language, at: now)
            let companyRow = try session.addParticipant(
                caseNumber: caseRecord.number, role: .company, address: company.address,
                displayName: "Acme (service juridique)", language: language, at: now)
            let consumerRows = try consumers.map {
                try session.addParticipant(
                    caseNumber: caseRecord.number, role: .consumer, address: $0.address, displayName: $0.name,
                    language: language, at: now)
            }
            let room = try session.room(caseNumber: caseRecord.number)
            for participant in [mediatorRow, companyRow] + consumerRows {
                try gateway.context.postOffice.notice(
                    "welcome", kind: .welcome, to: [participant], in: room, session: session, at: now)
            }
            return CaseSetup(caseRecord: caseRecord, room: room, mediator: mediatorRow, company: companyRow,
                             consumers: consumerRows)
        }
    }

    var everyone: [Participant] { [mediator, company] + consumers }
}
