import Mediation

/// A participant the operator wants to add to a case, from the command line or a CSV row.
public struct Newcomer: Sendable, Hashable {
    public var role: Role
    public var party: PartyAddress
    /// Nil for the case's language.
    public var language: Language?
    /// The line of the CSV file it came from, for the report; nil from the command line.
    public var line: Int?
    /// What a consumer claims (the CSV's fourth column); stored with the participant.
    public var claim: Money?

    public init(role: Role, party: PartyAddress, language: Language? = nil, line: Int? = nil, claim: Money? = nil) {
        self.role = role
        self.party = party
        self.language = language
        self.line = line
        self.claim = claim
    }
}

/// What adding participants did: who joined, who was already there, which rows were refused.
public struct ImportReport: Sendable {
    /// A row of a file that was skipped, and why.
    public struct RejectedRow: Sendable, Hashable {
        public var line: Int
        public var reason: String
    }

    public var added: [Participant] = []
    /// Addresses already taking part in the case (from an earlier import, or twice in this one).
    public var alreadyPresent: [PartyAddress] = []
    public var rejected: [RejectedRow] = []
    /// How many welcome emails were queued (experts get none: they join only asides).
    public var welcomes = 0

    public init() {}

    /// One line for the operator: "12 added (welcome queued for 11), 3 already in the case, 2 rows skipped".
    public var summary: String {
        "\(added.count) added (welcome queued for \(welcomes)), \(alreadyPresent.count) already in the case, "
            + "\(rejected.count) row(s) skipped"
    }
}
