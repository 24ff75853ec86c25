import Foundation
import Mediation
import Store

extension CaseDesk {
    /// What the operator gives to open a case.
    public struct CaseOpening: Sendable {
        public var title: String
        /// The company's legal team, at least one address. The company's name is the first
        /// one's display name without what is in parentheses; every member shares that
        /// first display name, so naming it names the whole team.
        public var company: [PartyAddress]
        public var mediator: PartyAddress
        public var lawyer: PartyAddress?
        /// Nil for `mediation.room_days`.
        public var roomDays: Int?
        /// Nil for `mediation.language`.
        public var language: Language?

        public init(
            title: String, company: [PartyAddress], mediator: PartyAddress, lawyer: PartyAddress? = nil,
            roomDays: Int? = nil, language: Language? = nil
        ) {
            self.title = title
            self.company = company
            self.mediator = mediator
            self.lawyer = lawyer
            self.roomDays = roomDays
            self.language = language
        }
    }

    /// A case just opened, with its first participants.
    public struct OpenedCase: Sendable {
        public var caseRecord: Case
        public var participants: [Participant]
        /// How many welcome emails were queued.
        public var welcomes: Int
    }

    /// Opens a case with its room and notes, adds the legal team, the mediator and the
    /// lawyer, and queues a welcome for each, all in one transaction.
    public func openCase(_ opening: CaseOpening) throws -> OpenedCase {
        let title = opening.title.trimmingWhitespace()
        guard !title.isEmpty else { throw OperatorError.invalid("the case needs a title: pass --title \"…\"") }
        guard let first = opening.company.first else {
            throw OperatorError.invalid("the case needs the company: pass --company \"Acme <legal@acme.example>\"")
        }
        guard !first.baseName.isEmpty else {
            throw OperatorError.invalid("the company needs a name: write --company \"Acme <\(first.address)>\"")
        }
        guard !opening.mediator.name.isEmpty else {
            throw OperatorError.invalid("the mediator needs a name: write --mediator \"Name <\(opening.mediator.address)>\"")
        }
        if let lawyer = opening.lawyer, lawyer.name.isEmpty {
            throw OperatorError.invalid("the lawyer needs a name: write --lawyer \"Name <\(lawyer.address)>\"")
        }
        let days = opening.roomDays ?? mediation.roomDays
        guard (1...mediation.maxDays).contains(days) else {
            throw OperatorError.invalid(
                "a room stays open from 1 to \(mediation.maxDays) days (mediation.max_days); \(days) is not possible")
        }
        let parties: [(Role, PartyAddress)] =
            opening.company.map { (Role.company, PartyAddress(name: first.name, address: $0.address)) }
            + [(.mediator, opening.mediator)] + (opening.lawyer.map { [(.lawyer, $0)] } ?? [])
        var seen: Set<String> = []
        for (_, party) in parties {
            if let problem = gatewayProblem(party) { throw problem }
            guard seen.insert(Participant.matchingForm(of: party.address)).inserted else {
                throw OperatorError.invalid("\(party.address) is given twice; each party needs an address of their own")
            }
        }
        let language = opening.language ?? defaultLanguage
        let now = context.clock.now
        return try store.write { session in
            let created = try session.createCase(
                title: title, companyName: first.baseName, language: language, openedAt: now, roomDays: days)
            let participants = try parties.map { role, party in
                try session.addParticipant(
                    caseNumber: created.number, role: role, address: party.address, displayName: party.name,
                    language: language, at: now)
            }
            let room = try session.room(caseNumber: created.number)
            let posts = try context.postOffice.notice(
                "welcome", kind: .welcome, to: participants, in: room, session: session, at: now)
            return OpenedCase(
                caseRecord: created, participants: participants, welcomes: posts.reduce(0) { $0 + $1.deliveries.count })
        }
    }
}
