import Foundation
import GRDB
import Mediation

extension StoreSession {
    public func channel(id: Int64) throws -> Channel? {
        // A cached statement and a column-by-column read: Intake looks up a channel for
        // every message it routes.
        guard let row = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT id, case_number, kind, subject, created_by, created_at FROM channels WHERE id = ?"),
            arguments: [id])
        else { return nil }
        let record: ChannelRecord
        if let kind = Channel.Kind(rawValue: row[2]) {
            record = ChannelRecord(id: row[0], caseNumber: row[1], kind: kind, subject: row[3], createdBy: row[4], createdAt: row[5])
        } else {
            record = try ChannelRecord(row: row)  // says what is wrong with the row
        }
        // Only asides list their members; the room and the notes never do.
        return record.domain(memberIDs: record.kind == .aside ? try listedMembers(channelID: id) : [])
    }

    /// The room, the notes and every aside of a case, in opening order.
    public func channels(caseNumber: Int64) throws -> [Channel] {
        try ChannelRecord.filter(ChannelRecord.Columns.caseNumber == caseNumber)
            .order(ChannelRecord.Columns.id)
            .fetchAll(db)
            .map { try $0.domain(memberIDs: listedMembers(channelID: $0.id!)) }
    }

    public func room(caseNumber: Int64) throws -> Channel {
        try singleChannel(caseNumber: caseNumber, kind: .room)
    }

    public func notes(caseNumber: Int64) throws -> Channel {
        try singleChannel(caseNumber: caseNumber, kind: .notes)
    }

    /// Opens an aside with `memberIDs`; the case's mediator is always a member.
    /// `openedBy` is nil when the operator opens it.
    public func openAside(
        caseNumber: Int64, subject: String, openedBy: Int64?, memberIDs: Set<Int64>, at date: Date
    ) throws -> Channel {
        guard let mediator = try participants(caseNumber: caseNumber).first(where: { $0.role == .mediator }) else {
            throw StoreError.noMediator(caseNumber: caseNumber)
        }
        var record = ChannelRecord(caseNumber: caseNumber, kind: .aside, subject: subject, createdBy: openedBy, createdAt: date)
        try record.insert(db)
        try addMembers(channelID: record.id!, participantIDs: memberIDs.union([mediator.id]), at: date)
        return try channel(id: record.id!)!
    }

    /// Adds members to an aside; members already listed are left as they are.
    public func addMembers(channelID: Int64, participantIDs: Set<Int64>, at date: Date) throws {
        guard let record = try ChannelRecord.fetchOne(db, key: channelID) else { throw StoreError.noSuchChannel(channelID) }
        guard record.kind == .aside else { throw StoreError.notAnAside(channelID) }
        for participantID in participantIDs.sorted() {
            var member = ChannelMemberRecord(channelID: channelID, participantID: participantID,
                                             caseNumber: record.caseNumber, addedAt: date)
            try member.insert(db, onConflict: .ignore)
        }
    }

    /// The active members of a channel.
    public func members(of channel: Channel) throws -> [Participant] {
        channel.members(among: try participants(caseNumber: channel.caseNumber))
    }

    func listedMembers(channelID: Int64) throws -> Set<Int64> {
        Set(try Int64.fetchAll(
            db.cachedStatement(sql: "SELECT participant_id FROM channel_members WHERE channel_id = ?"), arguments: [channelID]))
    }

    private func singleChannel(caseNumber: Int64, kind: Channel.Kind) throws -> Channel {
        guard let record = try ChannelRecord
            .filter(ChannelRecord.Columns.caseNumber == caseNumber && ChannelRecord.Columns.kind == kind.rawValue)
            .fetchOne(db)
        else { throw StoreError.noSuchCase(caseNumber) }
        return record.domain(memberIDs: [])
    }
}
