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
        try ParticipantRecord.fetchOne(db, key: id)?.domain
    }

    /// The participant of a case writing from `address` (any case, brackets allowed).
    public func participant(caseNumber: Int64, address: String) throws -> Participant? {
        try ParticipantRecord
            .filter(ParticipantRecord.Columns.caseNumber == caseNumber
                    && ParticipantRecord.Columns.address == Participant.matchingForm(of: address))
            .fetchOne(db)?.domain
    }

    /// Every participant, in any case, writing from `address`: empty means an unknown sender.
    public func participants(address: String) throws -> [Participant] {
        try ParticipantRecord
            .filter(ParticipantRecord.Columns.address == Participant.matchingForm(of: address))
            .order(ParticipantRecord.Columns.id)
            .fetchAll(db).map(\.domain)
    }

    /// Every participant of a case, whatever their state, in joining order.
    public func participants(caseNumber: Int64) throws -> [Participant] {
        try ParticipantRecord.filter(ParticipantRecord.Columns.caseNumber == caseNumber)
            .order(ParticipantRecord.Columns.id)
            .fetchAll(db).map(\.domain)
    }

    public func setState(participantID: Int64, to state: Participant.State) throws {
        guard var record = try ParticipantRecord.fetchOne(db, key: participantID) else {
            throw StoreError.noSuchParticipant(participantID)
        }
        record.state = state
        try record.update(db)
    }
}
