import Foundation

/// The pure rules for recording consumers' answers to one offer, and counting them.
///
/// A ballot is recorded only if it is for this offer, the offer is still open, the sender
/// is the consumer the ballot address names, that consumer is still a party, and it arrives
/// before the deadline. A consumer may change their mind: the last answer before the
/// deadline counts. Every recorded ballot is kept in order for the case record.
public struct BallotBox: Sendable, Hashable {
    /// A consumer on the roll of this offer.
    public struct Voter: Sendable, Hashable, Codable {
        public let consumerID: Int64
        /// The name under which the consumer appears to the other parties.
        public let pseudonym: String
        /// What the consumer claimed, if on record; a percentage offer is a share of it.
        public let claim: Money?
        /// False once the consumer has withdrawn from the mediation.
        public var isActive: Bool

        public init(consumerID: Int64, pseudonym: String, claim: Money?, isActive: Bool = true) {
            self.consumerID = consumerID
            self.pseudonym = pseudonym
            self.claim = claim
            self.isActive = isActive
        }
    }

    /// What the confirmation to the consumer says: what was recorded, what it replaced,
    /// and what the consumer obtains if they accept.
    public struct Receipt: Sendable, Hashable {
        public let ballot: Ballot
        /// The answer this one replaces, if the consumer had answered before.
        public let previousChoice: BallotChoice?
        public let entitlement: OfferTerms.Entitlement
    }

    public private(set) var offer: Offer
    /// The roll, in the order consumers joined.
    public private(set) var voters: [Voter]
    /// Every ballot recorded, in the order received.
    public private(set) var ballots: [Ballot] = []
    private var latestChoice: [Int64: BallotChoice] = [:]
    private var rollIndex: [Int64: Int] = [:]

    public init(offer: Offer, voters: [Voter]) {
        self.offer = offer
        self.voters = voters
        for (index, voter) in voters.enumerated() { rollIndex[voter.consumerID] = index }
    }

    /// Records a ballot, or says why not. A refused ballot changes nothing.
    @discardableResult
    public mutating func record(_ ballot: Ballot) throws(BallotRefusal) -> Receipt {
        guard ballot.offerID == offer.id else { throw .notForThisOffer }
        switch offer.status {
        case .open: break
        case .superseded(let newer): throw .superseded(byOfferID: newer)
        case .withdrawn: throw .offerWithdrawn
        }
        guard ballot.consumerID == ballot.addressedConsumerID, let index = rollIndex[ballot.consumerID] else {
            throw .notThatConsumer
        }
        guard voters[index].isActive else { throw .withdrawn }
        guard ballot.castAt < offer.terms.deadline else { throw .afterDeadline }

        let previous = latestChoice[ballot.consumerID]
        latestChoice[ballot.consumerID] = ballot.choice
        ballots.append(ballot)
        return Receipt(ballot: ballot, previousChoice: previous,
                       entitlement: offer.terms.entitlement(forClaim: voters[index].claim))
    }

    /// The answer that counts for a consumer now: their last one, unless they withdrew.
    public func choice(of consumerID: Int64) -> BallotChoice? {
        guard let index = rollIndex[consumerID], voters[index].isActive else { return nil }
        return latestChoice[consumerID]
    }

    /// A later offer replaces this one: further ballots are refused and point to it.
    /// Answers already given stay in the record.
    public mutating func supersede(byOfferID newer: Int64) {
        offer.status = .superseded(byOfferID: newer)
    }

    /// The author takes the offer back.
    public mutating func withdrawOffer() {
        offer.status = .withdrawn
    }

    /// A consumer leaves the mediation (R612-2): their answers stop counting, and further
    /// ballots from them are refused.
    public mutating func withdraw(consumerID: Int64) {
        guard let index = rollIndex[consumerID] else { return }
        voters[index].isActive = false
    }

    /// Consumers whom a percentage offer leaves with nothing, and why: the mediator sees
    /// them before the deadline rather than in the ledger after it.
    public func shortfalls() -> [(consumerID: Int64, shortfall: OfferTerms.Entitlement.Shortfall)] {
        voters.compactMap { voter in
            guard voter.isActive, let shortfall = offer.terms.entitlement(forClaim: voter.claim).shortfall else { return nil }
            return (voter.consumerID, shortfall)
        }
    }
}
