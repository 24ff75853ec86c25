import Foundation
import GRDB
import Mediation

/// A row of `participants`.
struct ParticipantRecord: StoreRecord {
    static let databaseTableName = "participants"
    enum Columns {
        static let id = Column("id")
        static let caseNumber = Column("case_number")
        static let role = Column("role")
        static let address = Column("address")
        static let pseudonym = Column("pseudonym")
        static let state = Column("state")
    }

    var id: Int64?
    var caseNumber: Int64
    var role: Role
    var address: String
    var originalAddress: String
    var displayName: String
    var language: Language
    var state: Participant.State
    var pseudonym: Int?
    var namePublic: Bool
    var joinedAt: Date

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    var domain: Participant {
        Participant(
            id: id ?? 0, caseNumber: caseNumber, role: role, matchingAddress: address,
            originalAddress: originalAddress, displayName: displayName, language: language, state: state,
            pseudonym: pseudonym, namePublic: namePublic)
    }
}
