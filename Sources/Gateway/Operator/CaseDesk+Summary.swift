import Foundation
import Mediation
import Store

extension CaseDesk {
    /// The case, its participants, its channels with their members and posts, and its counts;
    /// with `joinRequests`, every request to join still waiting for its confirmation.
    public func caseSummary(caseNumber: Int64, joinRequests: Bool = false) throws -> CaseSummary {
        try store.read { session in
            let caseRecord = try existingCase(caseNumber, in: session)
            let participants = try session.participants(caseNumber: caseNumber)
            var postedFromMail = 0
            let channels = try session.channels(caseNumber: caseNumber).map { channel in
                let posts = try session.posts(channelID: channel.id)
                postedFromMail += posts.filter { $0.inboundID != nil }.count
                return CaseSummary.Conversation(
                    id: channel.id, kind: channel.kind, subject: channel.subject,
                    members: channel.members(among: participants).map { $0.publicName(in: caseRecord.language) },
                    posts: posts.count)
            }
            let held = try session.heldMessages(limit: Int.max).filter { $0.caseNumber == caseNumber }.count
            let counts = try session.deliveryCounts(caseNumber: caseNumber)
            var summary = CaseSummary(
                number: caseRecord.number, title: caseRecord.title, company: caseRecord.companyName,
                state: caseRecord.state, language: caseRecord.language, opened: caseRecord.openedAt,
                deadline: caseRecord.deadline,
                participants: participants.map { participant in
                    CaseSummary.Party(
                        id: participant.id, role: participant.role, publicNameFr: participant.publicName(in: .fr),
                        publicNameEn: participant.publicName(in: .en), displayName: participant.displayName,
                        address: participant.originalAddress, language: participant.language, state: participant.state)
                },
                channels: channels, postedFromMail: postedFromMail, held: held,
                outbox: Dictionary(uniqueKeysWithValues: Delivery.State.allCases.map { ($0.rawValue, counts[$0] ?? 0) }))
            summary.pendingJoinRequests = try session.pendingJoinRequestCount(caseNumber: caseNumber)
            if joinRequests {
                summary.joinRequests = try session.pendingJoinRequests(caseNumber: caseNumber).map {
                    CaseSummary.PendingJoin(id: $0.id ?? 0, displayName: $0.displayName, address: $0.originalAddress,
                                            language: $0.language, requested: $0.requestedAt, lastLetter: $0.lastSentAt)
                }
            }
            return summary
        }
    }

    /// One case in the list.
    public struct CaseListing: Sendable, Codable {
        public var number: Int64
        public var state: Case.State
        public var deadline: Date
        /// Active participants.
        public var participants: Int
        public var title: String
    }

    /// Every case, newest first.
    public func caseList() throws -> [CaseListing] {
        try store.read { session in
            try session.cases().map { caseRecord in
                CaseListing(
                    number: caseRecord.number, state: caseRecord.state, deadline: caseRecord.deadline,
                    participants: try session.participants(caseNumber: caseRecord.number).filter(\.isActive).count,
                    title: caseRecord.title)
            }
        }
    }

    /// `truce case list`: one line per case.
    public static func text(_ listings: [CaseListing]) -> String {
        guard !listings.isEmpty else { return "No cases yet; `truce case open` opens one.\n" }
        return Table(
            header: ["case", "state", "deadline", "participants", "title"],
            rows: listings.map { ["\($0.number)", $0.state.rawValue, OperatorJSON.date($0.deadline), "\($0.participants)", $0.title] }
        ).lines.joined(separator: "\n") + "\n"
    }
}
