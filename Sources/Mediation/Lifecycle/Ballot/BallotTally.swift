/// Where the answers to an offer stand.
///
/// Who accepted is named — accepting is adhering to the agreement, and the agreement names
/// its parties. Who declined is only counted: refusing is the consumer's right (R612-4) and
/// nobody else's business.
public struct BallotTally: Sendable, Hashable {
    /// One consumer who accepted, and what they obtain.
    public struct Acceptance: Sendable, Hashable {
        public let consumerID: Int64
        public let pseudonym: String
        public let amount: Money
    }

    public let acceptances: [Acceptance]
    public let declinedCount: Int
    /// Active consumers who have not answered yet.
    public let pendingCount: Int
    /// Consumers who left the mediation; their answers no longer count.
    public let withdrawnCount: Int
    /// Active consumers whom a percentage offer leaves with nothing (no claim on record, or
    /// a claim in another currency); see `BallotBox.shortfalls()` for who they are.
    public let shortfallCount: Int
    public let acceptedTotal: Money
    public let declinedTotal: Money
    public let pendingTotal: Money

    public var acceptedCount: Int { acceptances.count }
}

extension BallotBox {
    /// Counts the answers that count now.
    public func tally() -> BallotTally {
        let zero = Money.zero(offer.terms.currency)
        var acceptances: [BallotTally.Acceptance] = []
        var declined = 0, pending = 0, withdrawn = 0, shortfalls = 0
        var declinedTotal = zero, pendingTotal = zero
        for voter in voters {
            guard voter.isActive else { withdrawn += 1; continue }
            let entitlement = offer.terms.entitlement(forClaim: voter.claim)
            if entitlement.shortfall != nil { shortfalls += 1 }
            switch choice(of: voter.consumerID) {
            case .accept:
                acceptances.append(.init(consumerID: voter.consumerID, pseudonym: voter.pseudonym, amount: entitlement.amount))
            case .decline:
                declined += 1
                declinedTotal = declinedTotal + entitlement.amount
            case nil:
                pending += 1
                pendingTotal = pendingTotal + entitlement.amount
            }
        }
        return BallotTally(acceptances: acceptances, declinedCount: declined, pendingCount: pending,
                           withdrawnCount: withdrawn, shortfallCount: shortfalls,
                           acceptedTotal: acceptances.reduce(zero) { $0 + $1.amount },
                           declinedTotal: declinedTotal, pendingTotal: pendingTotal)
    }

    /// Each consumer's outcome under this offer, for the settlement ledger.
    public func outcomes() -> [SettlementOutcome] {
        voters.map { voter in
            let standing: SettlementOutcome.Standing
            if !voter.isActive {
                standing = .withdrawn
            } else {
                switch choice(of: voter.consumerID) {
                case .accept: standing = .accepted(offer.terms.amount(forClaim: voter.claim))
                case .decline: standing = .declined
                case nil: standing = .noAnswer
                }
            }
            return SettlementOutcome(consumerID: voter.consumerID, pseudonym: voter.pseudonym, standing: standing)
        }
    }
}
