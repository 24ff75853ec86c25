import Foundation
import GRDB
import Mediation

/// A row of `join_requests`: someone who wrote to a case's join address, and what came of it.
public struct JoinRequest: StoreRecord, Sendable, Identifiable {
    public static let databaseTableName = "join_requests"
    public enum Columns {
        public static let id = Column("id")
        public static let caseNumber = Column("case_number")
        public static let address = Column("address")
        public static let state = Column("state")
    }

    public enum State: String, Codable, Sendable {
        /// The confirmation letter went out; waiting for a reply from the same address.
        case pending
        /// The address replied and is now a consumer of the case.
        case confirmed
        /// The reply came, but the address could not join (the case is full or closed).
        case refused
    }

    public var id: Int64?
    public var caseNumber: Int64
    /// Lowercased, the form participants are matched by.
    public var address: String
    /// As written in From, where the letter goes.
    public var originalAddress: String
    public var displayName: String
    public var language: Language
    public var state: State
    /// The message that asked to join.
    public var inboundID: Int64?
    public var requestedAt: Date
    /// When the confirmation letter was last queued: at most one a day.
    public var lastSentAt: Date
    public var resolvedAt: Date?
    public var participantID: Int64?

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A row of `join_mail`: one finished letter to someone who is not a participant yet.
public struct JoinMail: StoreRecord, Sendable, Identifiable {
    public static let databaseTableName = "join_mail"
    public enum Columns {
        public static let id = Column("id")
        public static let requestID = Column("request_id")
        public static let state = Column("state")
        public static let retryAt = Column("retry_at")
    }

    public var id: Int64?
    public var requestID: Int64
    public var template: String
    public var recipient: String
    public var messageID: String
    public var raw: Data
    public var state: Delivery.State
    public var attempts: Int
    public var retryAt: Date?
    public var lastReply: String?
    public var createdAt: Date
    public var updatedAt: Date

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
