import Foundation
import GRDB
import Mediation

/// A row of `channels`.
struct ChannelRecord: StoreRecord {
    static let databaseTableName = "channels"
    enum Columns {
        static let id = Column("id")
        static let caseNumber = Column("case_number")
        static let kind = Column("kind")
    }

    var id: Int64?
    var caseNumber: Int64
    var kind: Channel.Kind
    var subject: String?
    var createdBy: Int64?
    var createdAt: Date

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    func domain(memberIDs: Set<Int64>) -> Channel {
        Channel(id: id ?? 0, caseNumber: caseNumber, kind: kind, subject: subject, createdBy: createdBy, memberIDs: memberIDs)
    }
}

/// A row of `channel_members`: one participant listed in one aside.
struct ChannelMemberRecord: StoreRecord {
    static let databaseTableName = "channel_members"
    enum Columns {
        static let channelID = Column("channel_id")
        static let participantID = Column("participant_id")
    }

    var id: Int64?
    var channelID: Int64
    var participantID: Int64
    var caseNumber: Int64
    var addedAt: Date

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
