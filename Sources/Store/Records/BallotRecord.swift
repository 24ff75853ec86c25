import Foundation
import GRDB
import Mediation

/// A row of `ballots`: one answer a consumer sent to one offer, recorded or refused.
public struct BallotRecord: StoreRecord, Sendable {
    public static let databaseTableName = "ballots"
    public enum Columns {
        public static let id = Column("id")
        public static let offerID = Column("offer_id")
        public static let refusal = Column("refusal")
    }

    public var id: Int64?
    public var caseNumber: Int64
    public var offerID: Int64
    public var consumerID: Int64
    public var addressedConsumerID: Int64
    public var choice: BallotChoice
    public var castAt: Date
    public var inboundID: Int64?
    /// Why the answer was refused, in English; nil when it counts.
    public var refusal: String?

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    public var ballot: Ballot {
        Ballot(offerID: offerID, consumerID: consumerID, addressedConsumerID: addressedConsumerID,
               choice: choice, castAt: castAt)
    }
}
