/// What a participant is in a case. Raw values are stored in the database.
public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
    /// A claimant. Appears to others under a pseudonym ("Consumer 12") unless their name is public.
    case consumer
    /// A member of the company's legal team. Several participants may share this role.
    case company
    /// The independent mediator who runs the case. One per case.
    case mediator
    /// The contract lawyer who drafts the settlement agreement.
    case lawyer
    /// An expert who answers questions in asides; never a member of the room.
    case expert
}
