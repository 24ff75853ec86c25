import Foundation
import Mediation
import Store

/// Everything about one case the operator looks at: `truce case show`.
///
/// Real addresses appear here: the operator runs the platform and needs them; this summary
/// is never sent to a party.
public struct CaseSummary: Sendable, Codable {
    /// One participant, with the names others see in each language.
    public struct Party: Sendable, Codable {
        public var id: Int64
        public var role: Role
        public var publicNameFr: String
        public var publicNameEn: String
        public var displayName: String
        public var address: String
        public var language: Language
        public var state: Participant.State
    }

    /// One channel, its active members by public name, and how many posts it holds.
    public struct Conversation: Sendable, Codable {
        public var id: Int64
        public var kind: Channel.Kind
        public var subject: String?
        public var members: [String]
        public var posts: Int
    }

    public var number: Int64
    public var title: String
    public var company: String
    public var state: Case.State
    public var language: Language
    public var opened: Date
    public var deadline: Date
    public var participants: [Party]
    public var channels: [Conversation]
    /// Posts that came in by mail (participants' messages and notes).
    public var postedFromMail: Int
    /// Messages held for this case.
    public var held: Int
    /// Deliveries of this case by state; every state is listed, zeros included.
    public var outbox: [String: Int]
    /// Requests to join through the join address still waiting for their confirmation reply.
    public var pendingJoinRequests: Int = 0
    /// Those requests one by one, when asked for (`--join-requests`): the operator sees who.
    public var joinRequests: [PendingJoin]?

    /// One pending request: who wrote to the join address, and when the letter last went.
    public struct PendingJoin: Sendable, Codable {
        public var id: Int64
        public var displayName: String
        public var address: String
        public var language: Language
        public var requested: Date
        public var lastLetter: Date
    }
}

extension CaseSummary {
    /// The readable report.
    public var text: String {
        var lines = [
            "Case \(number): \(title)",
            "  company   \(company)",
            "  state     \(state.rawValue)",
            "  language  \(language.rawValue)",
            "  opened    \(OperatorJSON.date(opened))",
            "  deadline  \(OperatorJSON.date(deadline))",
            "",
            "Participants (\(participants.count))",
        ]
        lines += Table(
            header: ["id", "role", "public name (fr / en)", "display name", "address", "lang", "state"],
            rows: participants.map { party in
                let names = party.publicNameFr == party.publicNameEn
                    ? party.publicNameFr : "\(party.publicNameFr) / \(party.publicNameEn)"
                return ["\(party.id)", party.role.rawValue, names, party.displayName, party.address,
                        party.language.rawValue, party.state.rawValue]
            }
        ).lines.map { "  " + $0 }
        lines += ["", "Channels (\(channels.count))"]
        lines += Table(
            header: ["id", "kind", "posts", "members"],
            rows: channels.map { channel in
                let kind = channel.subject.map { "\(channel.kind.rawValue) \"\($0)\"" } ?? channel.kind.rawValue
                return ["\(channel.id)", kind, "\(channel.posts)", Self.shortList(channel.members)]
            }
        ).lines.map { "  " + $0 }
        lines += [
            "",
            "Counts",
            "  posted from mail  \(postedFromMail)",
            "  held              \(held)",
            "  outbox            " + Delivery.State.allCases.map { "\($0.rawValue) \(outbox[$0.rawValue] ?? 0)" }
                .joined(separator: ", "),
            "  join requests     \(pendingJoinRequests) pending confirmation"
                + (pendingJoinRequests > 0 && joinRequests == nil ? " (--join-requests lists them)" : ""),
        ]
        if let joinRequests, !joinRequests.isEmpty {
            lines += ["", "Pending join requests (\(joinRequests.count))"]
            lines += Table(
                header: ["request", "requested", "last letter", "name", "address", "lang"],
                rows: joinRequests.map {
                    ["\($0.id)", OperatorJSON.date($0.requested), OperatorJSON.date($0.lastLetter), $0.displayName,
                     $0.address, $0.language.rawValue]
                }
            ).lines.map { "  " + $0 }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension CaseSummary {
    /// A room of thousands stays one readable line: the first names, then how many in all.
    static func shortList(_ names: [String], limit: Int = 10) -> String {
        guard names.count > limit else { return names.joined(separator: ", ") }
        return names.prefix(limit).joined(separator: ", ") + ", … (\(names.count) members)"
    }
}

/// Columns padded to their widest cell; the last column is not padded.
struct Table {
    var header: [String]
    var rows: [[String]]

    var lines: [String] {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.indices.map { column in
                column == row.count - 1 ? row[column] : row[column].padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ").trimmingWhitespace()
        }
    }
}
