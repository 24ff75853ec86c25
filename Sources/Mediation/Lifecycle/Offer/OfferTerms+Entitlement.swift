extension OfferTerms {
    /// What one consumer would obtain under these terms, and why it may be zero.
    public struct Entitlement: Sendable, Hashable {
        /// Why a consumer's amount under a percentage offer is zero although the offer is not.
        public enum Shortfall: Sendable, Hashable {
            /// No claimed amount is on record for this consumer, so a share of it is nothing.
            case noClaimOnRecord
            /// The claim is in another currency; the gateway does not convert, so the
            /// mediator must settle this consumer's amount by hand.
            case claimInOtherCurrency(Currency)
        }

        public let amount: Money
        /// Set when a percentage offer gives this consumer nothing; the tally counts these so
        /// the mediator sees them before the deadline, not in the ledger after it.
        public let shortfall: Shortfall?
    }

    /// Each consumer's own amount: the fixed amount, or the share of their claim rounded
    /// half-up to the cent. A consumer with no claim on record under a percentage offer
    /// gets zero, and the entitlement says so.
    public func entitlement(forClaim claim: Money?) -> Entitlement {
        switch kind {
        case .fixed(let money):
            return Entitlement(amount: money, shortfall: nil)
        case .percentOfClaim(let basisPoints):
            guard let claim else {
                return Entitlement(amount: .zero(currency), shortfall: .noClaimOnRecord)
            }
            guard claim.currency == currency else {
                return Entitlement(amount: .zero(currency), shortfall: .claimInOtherCurrency(claim.currency))
            }
            return Entitlement(amount: claim.share(basisPoints: basisPoints), shortfall: nil)
        }
    }

    /// Each consumer's own amount; see `entitlement(forClaim:)` for why it may be zero.
    public func amount(forClaim claim: Money?) -> Money {
        entitlement(forClaim: claim).amount
    }
}
