import Foundation

/// One answer from one consumer to one offer, as the gateway received it.
public struct Ballot: Sendable, Hashable, Codable {
    public let offerID: Int64
    /// The consumer the gateway identified as the sender.
    public let consumerID: Int64
    /// The consumer named by the signed ballot address the answer was sent to. A ballot
    /// forwarded to someone else and sent back by them names another consumer than its sender.
    public let addressedConsumerID: Int64
    public let choice: BallotChoice
    /// When the gateway received the answer — not the message's Date header, which the
    /// sender writes and could backdate past the deadline.
    public let castAt: Date

    public init(offerID: Int64, consumerID: Int64, addressedConsumerID: Int64, choice: BallotChoice, castAt: Date) {
        self.offerID = offerID
        self.consumerID = consumerID
        self.addressedConsumerID = addressedConsumerID
        self.choice = choice
        self.castAt = castAt
    }
}
