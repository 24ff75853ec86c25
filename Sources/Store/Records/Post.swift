import Foundation
import GRDB

/// A row of `posts`: something said in a channel, by a participant or by the gateway.
public struct Post: StoreRecord, Sendable, Identifiable {
    public static let databaseTableName = "posts"
    /// What kind of post. Raw values are stored.
    public enum Kind: String, Codable, Sendable, Hashable, CaseIterable {
        /// A participant's message, relayed to the channel.
        case message
        /// The gateway's welcome to a new participant.
        case welcome
        /// The gateway's announcement that an aside was opened, to its members.
        case asideOpening = "aside_opening"
        /// A notice from the gateway (deadline reminder, rejection, closing).
        case notice
        /// A note in the mediator's case file; never relayed.
        case note
    }
    public enum Columns {
        public static let id = Column("id")
        public static let caseNumber = Column("case_number")
        public static let channelID = Column("channel_id")
        public static let parentID = Column("parent_id")
        public static let inboundID = Column("inbound_id")
    }

    public var id: Int64?
    public var caseNumber: Int64
    public var channelID: Int64
    /// Nil for the gateway's own posts.
    public var authorID: Int64?
    /// The inbound message this post came from; nil for posts the gateway wrote.
    public var inboundID: Int64?
    /// The post this one answers, for threading.
    public var parentID: Int64?
    public var kind: Kind
    public var subject: String
    /// What is relayed: the reply without quotes and signature.
    public var replyText: String
    /// The text as received, kept for the case record.
    public var fullText: String
    public var createdAt: Date
    /// For the gateway's own posts: the template each recipient's copy is written from.
    public var template: String?
    /// For the gateway's own posts: the template's values, a JSON object.
    public var context: String?

    public init(
        id: Int64? = nil, caseNumber: Int64, channelID: Int64, authorID: Int64?, inboundID: Int64? = nil,
        parentID: Int64? = nil, kind: Kind, subject: String, replyText: String, fullText: String, createdAt: Date,
        template: String? = nil, context: String? = nil
    ) {
        self.id = id
        self.caseNumber = caseNumber
        self.channelID = channelID
        self.authorID = authorID
        self.inboundID = inboundID
        self.parentID = parentID
        self.kind = kind
        self.subject = subject
        self.replyText = replyText
        self.fullText = fullText
        self.createdAt = createdAt
        self.template = template
        self.context = context
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
