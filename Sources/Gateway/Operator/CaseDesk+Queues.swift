import Foundation
import Mediation
import Store

extension CaseDesk {
    /// Held messages, newest first, for one case or all.
    ///
    /// The Store lists the holding pen without a case filter, so the filter is applied here
    /// over the whole pen; it holds refusals, which stay few next to the posts.
    public func heldMessages(caseNumber: Int64? = nil, limit: Int = 100) throws -> [HeldMessage] {
        let all = try store.read { try $0.heldMessages(limit: caseNumber == nil ? limit : Int.max) }
        return Array(all.filter { caseNumber == nil || $0.caseNumber == caseNumber }.prefix(limit))
    }

    /// `truce held`: id, date, reason, sender, case, detail.
    public static func text(_ held: [HeldMessage]) -> String {
        guard !held.isEmpty else { return "The holding pen is empty.\n" }
        return Table(
            header: ["id", "date", "reason", "sender", "case", "detail"],
            rows: held.map {
                ["\($0.id ?? 0)", OperatorJSON.date($0.createdAt), $0.reason.rawValue, $0.sender ?? "-",
                 $0.caseNumber.map { "\($0)" } ?? "-", $0.detail]
            }
        ).lines.joined(separator: "\n") + "\n"
    }

    /// One delivery with who it is for.
    public struct OutboxEntry: Sendable, Codable {
        public var delivery: Delivery
        public var recipientPublicName: String
        public var recipientAddress: String
    }

    /// The outbox: deliveries and how many are in each state, then the letters to people
    /// who asked to join (they are not participants yet, so they have no deliveries).
    public struct Outbox: Sendable, Codable {
        /// Every state, zeros included.
        public var counts: [String: Int]
        public var deliveries: [OutboxEntry]
        /// Join letters by state, every state listed.
        public var joinCounts: [String: Int] = [:]
        /// Join letters in the states shown, oldest first.
        public var joinLetters: [QueuedJoinLetter] = []
    }

    /// Deliveries in `state` (or, without one, those still to do: queued, deferred and
    /// failed), oldest first, for one case or all; the counts cover every state.
    public func outbox(state: Delivery.State? = nil, caseNumber: Int64? = nil, limit: Int = 200) throws -> Outbox {
        try store.read { session in
            if let caseNumber { _ = try existingCase(caseNumber, in: session) }
            let counts = try session.deliveryCounts(caseNumber: caseNumber)
            let states = state.map { [$0] } ?? [.queued, .deferred, .failed]
            var entries: [OutboxEntry] = []
            var names: [Int64: Participant] = [:]
            for shown in states {
                // Deliveries have no Store query by case; take the state's rows and keep the case's.
                let rows = try session.deliveries(state: shown, limit: caseNumber == nil ? limit : Int.max)
                for delivery in rows where caseNumber == nil || delivery.caseNumber == caseNumber {
                    guard entries.count < limit else { break }
                    if names[delivery.recipientID] == nil {
                        names[delivery.recipientID] = try session.participant(id: delivery.recipientID)
                    }
                    let recipient = names[delivery.recipientID]
                    entries.append(OutboxEntry(
                        delivery: delivery,
                        recipientPublicName: recipient?.publicName(in: .en) ?? "participant \(delivery.recipientID)",
                        recipientAddress: recipient?.originalAddress ?? "-"))
                }
            }
            let joinCounts = try session.joinLetterCounts(caseNumber: caseNumber)
            return Outbox(
                counts: Dictionary(uniqueKeysWithValues: Delivery.State.allCases.map { ($0.rawValue, counts[$0] ?? 0) }),
                deliveries: entries,
                joinCounts: Dictionary(uniqueKeysWithValues: Delivery.State.allCases.map { ($0.rawValue, joinCounts[$0] ?? 0) }),
                joinLetters: try session.joinLetters(states: states, caseNumber: caseNumber, limit: limit))
        }
    }

    /// `truce outbox`: the counts, then one line per delivery.
    public static func text(_ outbox: Outbox) -> String {
        var lines = [Delivery.State.allCases.map { "\($0.rawValue) \(outbox.counts[$0.rawValue] ?? 0)" }.joined(separator: ", ")]
        if outbox.deliveries.isEmpty {
            lines.append("No deliveries to show.")
        } else {
            lines += Table(
                header: ["id", "state", "attempts", "recipient", "retry at", "last reply"],
                rows: outbox.deliveries.map { entry in
                    let delivery = entry.delivery
                    return ["\(delivery.id ?? 0)", delivery.state.rawValue, "\(delivery.attempts)",
                            "\(entry.recipientPublicName) <\(entry.recipientAddress)>",
                            delivery.retryAt.map(OperatorJSON.date) ?? "-", delivery.lastReply ?? "-"]
                }
            ).lines
        }
        if outbox.joinCounts.values.contains(where: { $0 > 0 }) {
            lines += ["", "Join letters (to people who wrote to a join address): "
                + Delivery.State.allCases.map { "\($0.rawValue) \(outbox.joinCounts[$0.rawValue] ?? 0)" }.joined(separator: ", ")]
            if !outbox.joinLetters.isEmpty {
                lines += Table(
                    header: ["letter", "case", "state", "attempts", "kind", "recipient", "retry at", "last reply"],
                    rows: outbox.joinLetters.map { letter in
                        ["\(letter.id)", "\(letter.caseNumber)", letter.state.rawValue, "\(letter.attempts)", letter.template,
                         letter.recipient, letter.retryAt.map(OperatorJSON.date) ?? "-", letter.lastReply ?? "-"]
                    }
                ).lines
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
