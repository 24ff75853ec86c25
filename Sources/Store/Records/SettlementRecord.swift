import Foundation
import GRDB

/// A row of `settlements`: a case closed as settled, with the offer whose accepted answers
/// make the ledger and the platform's fee at the time, so the ledger never changes after.
public struct SettlementRecord: StoreRecord, Sendable {
    public static let databaseTableName = "settlements"

    public var caseNumber: Int64
    /// Nil when the case was settled without any offer by email.
    public var offerID: Int64?
    public var feeBasisPoints: Int
    public var settledAt: Date
}
