import Foundation
import GRDB
import Mediation

/// A row of `offers`: an offer (`/offer`) or a proposal (`/propose`) put to every consumer
/// of a case. The terms are kept as JSON of `OfferTerms`; the deadline is repeated as a
/// column so the database can be read without decoding.
public struct OfferRecord: StoreRecord, Sendable {
    public static let databaseTableName = "offers"
    public enum Columns {
        public static let id = Column("id")
        public static let caseNumber = Column("case_number")
    }

    public var id: Int64?
    public var caseNumber: Int64
    public var authorID: Int64
    public var source: OfferSource
    public var terms: String
    public var deadline: Date
    public var issuedAt: Date
    public var supersededBy: Int64?

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// The domain offer, with its terms decoded.
    public func offer() throws -> Offer {
        let decoded = try JSONDecoder().decode(OfferTerms.self, from: Data(terms.utf8))
        return Offer(id: id ?? 0, caseID: caseNumber, source: source, terms: decoded, issuedAt: issuedAt,
                     status: supersededBy.map { .superseded(byOfferID: $0) } ?? .open)
    }
}
