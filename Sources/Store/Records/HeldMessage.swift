import Foundation
import GRDB
import Mediation

/// A row of `held`: an inbound message kept for the operator instead of posted (invariant 7).
public struct HeldMessage: StoreRecord, Sendable, Identifiable {
    public static let databaseTableName = "held"
    public enum Columns {
        public static let id = Column("id")
        public static let inboundID = Column("inbound_id")
        public static let reason = Column("reason")
    }

    public var id: Int64?
    public var inboundID: Int64
    public var reason: HoldReason
    /// What the operator needs to understand the reason ("token names participant 12").
    public var detail: String
    /// The From address, lowercased, when there was one.
    public var sender: String?
    /// The case the message was meant for, when known.
    public var caseNumber: Int64?
    public var createdAt: Date
    /// Whether a rejection notice went to the sender.
    public var noticeSent: Bool

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A row of `notices`: a rejection notice sent to `sender` for `reason` on `day`.
struct NoticeRecord: StoreRecord {
    static let databaseTableName = "notices"
    var id: Int64?
    var sender: String
    var reason: HoldReason
    var day: String

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
