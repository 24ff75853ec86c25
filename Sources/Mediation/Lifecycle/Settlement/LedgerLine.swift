/// One consumer's line in the settlement ledger: what the company pays for them (gross),
/// the platform's success fee on it, and what reaches the consumer (net).
///
/// `fee + net == gross` exactly, in minor units, on every line.
public struct LedgerLine: Sendable, Hashable, Codable {
    /// Why the line has the amounts it has.
    public enum Outcome: String, Sendable, Hashable, Codable {
        case accepted
        case declined
        case noAnswer
        case withdrawn
    }

    public let consumerID: Int64
    public let pseudonym: String
    public let outcome: Outcome
    public let gross: Money
    public let fee: Money
    public let net: Money

    /// The line for one outcome. Fee is `gross × feeBasisPoints / 10 000` rounded half-up to
    /// the minor unit and net is what remains, so nothing is charged on a zero gross.
    public init(_ outcome: SettlementOutcome, currency: Currency, feeBasisPoints: Int) {
        self.consumerID = outcome.consumerID
        self.pseudonym = outcome.pseudonym
        let gross: Money
        switch outcome.standing {
        case .accepted(let amount):
            precondition(amount.currency == currency, "Every amount in a ledger is in the ledger's currency")
            self.outcome = .accepted
            gross = amount
        case .declined: self.outcome = .declined; gross = .zero(currency)
        case .noAnswer: self.outcome = .noAnswer; gross = .zero(currency)
        case .withdrawn: self.outcome = .withdrawn; gross = .zero(currency)
        }
        self.gross = gross
        self.fee = gross.share(basisPoints: feeBasisPoints)
        self.net = gross - fee
    }
}
