/// A conversation inside a case, and the unit that decides who reads what (invariant 3).
///
/// - `room`: every active participant except experts; membership follows the participant
///   list, so a consumer who joins late is in the room from then on.
/// - `aside`: the mediator and a chosen subset, listed in `memberIDs`; several per case.
/// - `notes`: the mediator alone; the case file, never relayed.
public struct Channel: Sendable, Hashable, Codable, Identifiable {
    /// The kind of conversation. Raw values are stored in the database and tokens carry the
    /// channel id, not the kind, so adding kinds does not change tokens.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case room
        case aside
        case notes
    }

    public var id: Int64
    public var caseNumber: Int64
    public var kind: Kind
    /// An aside's subject, shown in its thread; nil for the room and the notes.
    public var subject: String?
    /// The participant who opened an aside; nil when the operator did, and for the room and notes.
    public var createdBy: Int64?
    /// The members of an aside. Ignored for the room and the notes, whose membership is by role.
    public var memberIDs: Set<Int64>

    public init(
        id: Int64, caseNumber: Int64, kind: Kind, subject: String? = nil,
        createdBy: Int64? = nil, memberIDs: Set<Int64> = []
    ) {
        self.id = id
        self.caseNumber = caseNumber
        self.kind = kind
        self.subject = subject
        self.createdBy = createdBy
        self.memberIDs = memberIDs
    }
}
