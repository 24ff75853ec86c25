import Foundation
import GRDB
import Mediation

/// A row of `claims`: what one consumer claims from the company, in minor units, and why.
/// A percentage offer gives each consumer a share of this amount.
public struct ClaimRecord: StoreRecord, Sendable {
    public static let databaseTableName = "claims"

    public var participantID: Int64
    public var caseNumber: Int64
    public var minorUnits: Int64
    public var currency: String
    public var description: String
    public var recordedAt: Date

    /// The claim as money; nil if the stored currency is not one the gateway reads.
    public var amount: Money? {
        Currency(naming: currency).map { Money(minorUnits: minorUnits, currency: $0) }
    }
}
