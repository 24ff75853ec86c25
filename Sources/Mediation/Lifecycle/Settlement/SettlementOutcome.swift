/// What one consumer obtained from the mediation: the input of the settlement ledger.
public struct SettlementOutcome: Sendable, Hashable, Codable {
    public enum Standing: Sendable, Hashable, Codable {
        /// Accepted the offer; the gross amount the company owes this consumer.
        case accepted(Money)
        case declined
        case noAnswer
        case withdrawn
    }

    public let consumerID: Int64
    public let pseudonym: String
    public let standing: Standing

    public init(consumerID: Int64, pseudonym: String, standing: Standing) {
        self.consumerID = consumerID
        self.pseudonym = pseudonym
        self.standing = standing
    }
}
