import Foundation
import GRDB

/// A row of `audit`: one event in the append-only record of what happened in a case.
/// The hash columns are filled by a sealing function given by the caller, so the chain's
/// rules live with the rest of the case lifecycle.
public struct AuditEvent: StoreRecord, Sendable, Identifiable {
    public static let databaseTableName = "audit"
    public enum Columns {
        public static let id = Column("id")
        public static let caseNumber = Column("case_number")
        public static let sequence = Column("sequence")
    }

    public var id: Int64?
    public var caseNumber: Int64?
    /// The event's place in its case's chain, 1 for the first; set by `appendAudit`.
    public var sequence: Int64?
    public var kind: String
    public var payload: String
    public var createdAt: Date
    public var prevHash: String?
    public var hash: String?

    public init(caseNumber: Int64?, kind: String, payload: String, createdAt: Date) {
        self.caseNumber = caseNumber
        self.kind = kind
        self.payload = payload
        self.createdAt = createdAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
