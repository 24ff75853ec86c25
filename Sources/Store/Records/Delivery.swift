import Foundation
import GRDB

/// A row of `deliveries`, the outbox: one copy of one post for one recipient, with its own
/// Message-ID. Its bounce address is not stored: it is the signed tag of the delivery's id
/// (`ReplyAddressCodec.bounceAddress(delivery:)`), written when the copy is sent.
public struct Delivery: StoreRecord, Sendable, Identifiable {
    public static let databaseTableName = "deliveries"
    /// Where the copy is. Raw values are stored.
    public enum State: String, Codable, Sendable, Hashable, CaseIterable {
        /// Waiting for the Dispatcher.
        case queued
        /// Accepted by the SMTP server.
        case sent
        /// Refused for now (4xx, connection lost); retried at `retryAt`.
        case deferred
        /// Refused for good (5xx, or too many attempts, or a bounce came back).
        case failed
    }
    public enum Columns {
        public static let id = Column("id")
        public static let postID = Column("post_id")
        public static let recipientID = Column("recipient_id")
        public static let messageID = Column("message_id")
        public static let state = Column("state")
        public static let retryAt = Column("retry_at")
        public static let caseNumber = Column("case_number")
    }

    public var id: Int64?
    public var caseNumber: Int64
    public var postID: Int64
    public var recipientID: Int64
    /// This copy's own Message-ID, without angle brackets. Kept across retries, so a copy
    /// sent twice after a crash carries the same Message-ID (invariant 2).
    public var messageID: String
    public var state: State
    public var attempts: Int
    public var retryAt: Date?
    /// The SMTP server's last answer, for the operator.
    public var lastReply: String?
    public var createdAt: Date
    public var updatedAt: Date

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
