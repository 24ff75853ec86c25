import Foundation
import GRDB

/// A row of `inbound`, the ledger of every message fetched, stored raw before anything
/// else happens to it (invariant 1).
public struct InboundMessage: StoreRecord, Sendable, Identifiable {
    public static let databaseTableName = "inbound"
    /// Where the message is in its life. Raw values are stored.
    public enum State: String, Codable, Sendable, Hashable, CaseIterable {
        /// Stored, not yet handled by Intake.
        case pending
        /// Turned into a post.
        case processed
        /// Kept in the holding pen with a reason.
        case held
        /// A copy of a message already recorded (same Message-ID, or same bytes without one);
        /// kept for the record, never processed.
        case duplicate
    }
    public enum Columns {
        public static let id = Column("id")
        public static let messageID = Column("message_id")
        public static let sha256 = Column("sha256")
        public static let uidValidity = Column("uidvalidity")
        public static let uid = Column("uid")
        public static let state = Column("state")
        public static let duplicateOf = Column("duplicate_of")
    }

    public var id: Int64?
    public var raw: Data
    public var uidValidity: Int64?
    public var uid: Int64?
    /// Without angle brackets.
    public var messageID: String?
    /// Lowercase hex of the raw bytes' SHA-256.
    public var sha256: String
    public var receivedAt: Date
    public var state: State
    public var duplicateOf: Int64?

    enum CodingKeys: String, CodingKey {
        case id, raw, uidValidity = "uidvalidity", uid, messageID = "message_id", sha256
        case receivedAt = "received_at", state, duplicateOf = "duplicate_of"
    }

    // Explicit keys above already are column names.
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .useDefaultKeys }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { .useDefaultKeys }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
