import Foundation
import GRDB
import Mediation

extension StoreSession {
    /// Adds a participant; consumers get the next pseudonym of the case (1, 2, 3…).
    public func addParticipant(
        caseNumber: Int64, role: Role, address: String, displayName: String, language: Language,
        namePublic: Bool = false, at date: Date
    ) throws -> Participant {
        guard try CaseRecord.exists(db, key: caseNumber) else { throw StoreError.noSuchCase(caseNumber) }
        let matching = Participant.matchingForm(of: address)
        if try participant(caseNumber: caseNumber, address: matching) != nil {
            throw StoreError.alreadyParticipant(caseNumber: caseNumber, address: matching)
        }
        var pseudonym: Int?
        if role == .consumer {
            pseudonym = try Int.fetchOne(db, sql: """
                SELECT COALESCE(MAX(pseudonym), 0) + 1 FROM participants WHERE case_number = ?
                """, arguments: [caseNumber])
        }
        var record = ParticipantRecord(
            caseNumber: caseNumber, role: role, address: matching,
            originalAddress: address.trimmingCharacters(in: .whitespaces), displayName: displayName,
            language: language, state: .active, pseudonym: pseudonym, namePublic: namePublic, joinedAt: date)
        try record.insert(db)
        return record.domain
    }

    public func participant(id: Int64) throws -> Participant? {
        try participants(ParticipantQuery.byID, [id]).first
    }

    /// The participant of a case writing from `address` (any case, brackets allowed).
    public func participant(caseNumber: Int64, address: String) throws -> Participant? {
        try participants(ParticipantQuery.byCaseAndAddress, [caseNumber, Participant.matchingForm(of: address)])
            .first
    }

    /// Every participant, in any case, writing from `address`: empty means an unknown sender.
    public func participants(address: String) throws -> [Participant] {
        try participants(ParticipantQuery.byAddress, [Participant.matchingForm(of: address)])
    }

    /// Every participant of a case, whatever their state, in joining order.
    public func participants(caseNumber: Int64) throws -> [Participant] {
        try participants(ParticipantQuery.byCase, [caseNumber])
    }

    /// Participants read with a cached statement and decoded column by column, from the
    /// statement itself rather than from a copy of each row: Intake asks for them several
    /// times per message, and the generic record decoding cost more than the query.
    private func participants(_ sql: String, _ arguments: StatementArguments) throws -> [Participant] {
        var participants: [Participant] = []
        let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments)
        while let row = try rows.next() {
            guard let role = Role(rawValue: row[2]), let language = Language(rawValue: row[6]),
                  let state = Participant.State(rawValue: row[7])
            else {
                participants.append(try ParticipantRecord(row: row).domain)  // says what is wrong with the row
                continue
            }
            participants.append(Participant(
                id: row[0], caseNumber: row[1], role: role, matchingAddress: row[3], originalAddress: row[4],
                displayName: row[5], language: language, state: state, pseudonym: row[8], namePublic: row[9]))
        }
        return participants
    }

    public func setState(participantID: Int64, to state: Participant.State) throws {
        guard var record = try ParticipantRecord.fetchOne(db, key: participantID) else {
            throw StoreError.noSuchParticipant(participantID)
        }
        record.state = state
        try record.update(db)
    }
}

/// The participant queries, each written out once: building the text per call, and hashing
/// it to find the cached statement, showed in Intake's profile.
enum ParticipantQuery {
    static let columns = """
        SELECT id, case_number, role, address, original_address, display_name, language, state, pseudonym,
               name_public, joined_at FROM participants
        """
    static let byID = columns + " WHERE id = ?"
    static let byCaseAndAddress = columns + " WHERE case_number = ? AND address = ? LIMIT 1"
    static let byAddress = columns + " WHERE address = ? ORDER BY id"
    static let byCase = columns + " WHERE case_number = ? ORDER BY id"
}
