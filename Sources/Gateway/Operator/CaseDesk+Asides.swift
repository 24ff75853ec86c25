import Foundation
import Mediation
import Store

extension CaseDesk {
    /// An aside just opened by the operator.
    public struct OpenedAside: Sendable {
        public var channel: Channel
        /// Its active members, the mediator included; each was sent a first message from it.
        public var members: [Participant]
    }

    /// Opens an aside with the participants `names` designate (addresses, pseudonyms such as
    /// "Consumer 12", the company's name, display names), and queues for each member, the
    /// mediator included, a first message from the aside. Nothing is written unless every
    /// name designates someone, and only one person or the legal team.
    public func openAside(caseNumber: Int64, with names: [String], subject: String? = nil) throws -> OpenedAside {
        guard !names.isEmpty else {
            throw OperatorError.invalid("name at least one member with --with (an address or a pseudonym)")
        }
        let now = context.clock.now
        return try store.write { session in
            let caseRecord = try existingCase(caseNumber, in: session)
            guard caseRecord.state == .open else {
                throw OperatorError(.caseClosed, "case \(caseNumber) is closed; no aside can be opened in it")
            }
            let participants = try session.participants(caseNumber: caseNumber)
            var chosen: [Participant] = []
            for name in names {
                switch ParticipantResolver.resolve(name, among: participants, companyName: caseRecord.companyName) {
                case let .found(matches):
                    chosen += matches.filter { match in !chosen.contains { $0.id == match.id } }
                case let .ambiguous(matches):
                    let list = matches.map { "\($0.publicName(in: .en)) <\($0.originalAddress)>" }.joined(separator: ", ")
                    throw OperatorError(.ambiguousName, "'\(name)' names several participants of case \(caseNumber) (\(list)); use an address or a pseudonym")
                case .unknown:
                    throw OperatorError(.unknownName, "'\(name)' is not an active participant of case \(caseNumber); `truce case show \(caseNumber)` lists them")
                }
            }
            let subject = subject?.trimmingWhitespace()
            let aside = try AsideOpening(context: context, session: session, now: now).open(
                caseRecord: caseRecord, subject: subject?.isEmpty == false ? subject : nil, openedBy: nil, members: chosen)
            return OpenedAside(channel: aside, members: try session.members(of: aside))
        }
    }
}
