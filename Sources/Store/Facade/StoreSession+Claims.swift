import Foundation
import GRDB
import Mediation

extension StoreSession {
    /// Records (or replaces) what a consumer claims. The CSV import and the join
    /// confirmation call this; a percentage offer gives each consumer a share of it.
    public func setClaim(participantID: Int64, amount: Money, description: String = "", at date: Date) throws {
        guard let participant = try participant(id: participantID) else { throw StoreError.noSuchParticipant(participantID) }
        var record = ClaimRecord(
            participantID: participantID, caseNumber: participant.caseNumber, minorUnits: amount.minorUnits,
            currency: amount.currency.code, description: description, recordedAt: date)
        try record.save(db)
    }

    public func claim(participantID: Int64) throws -> ClaimRecord? {
        try ClaimRecord.fetchOne(db, key: participantID)
    }

    /// Every claim of a case, by participant id.
    public func claims(caseNumber: Int64) throws -> [Int64: ClaimRecord] {
        let rows = try ClaimRecord.filter(Column("case_number") == caseNumber).fetchAll(db)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.participantID, $0) })
    }
}

extension MediationStore {
    /// Records a consumer's claim in its own transaction (for the operator's CSV import).
    public func setClaim(participantID: Int64, amount: Money, description: String = "", at date: Date) throws {
        try write { try $0.setClaim(participantID: participantID, amount: amount, description: description, at: date) }
    }
}
