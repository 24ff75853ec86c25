import Foundation

/// Who put an offer forward: the two commands that create one.
public enum OfferSource: String, Sendable, Hashable, Codable {
    /// `/offer`, from the company's legal team.
    case company
    /// `/propose`, the mediator's own proposal of a solution (R612-4: parties are told they
    /// are free to refuse it).
    case mediator
}

/// Where an offer stands. Only an open offer takes ballots.
public enum OfferStatus: Sendable, Hashable, Codable {
    case open
    /// A later offer replaced it; answers to this one are refused and point to the new one.
    case superseded(byOfferID: Int64)
    /// Its author took it back before the deadline.
    case withdrawn
}

/// An offer put to every consumer of a case: its terms, who made it, and whether it still
/// takes answers.
public struct Offer: Sendable, Hashable, Codable, Identifiable {
    public let id: Int64
    public let caseID: Int64
    public let source: OfferSource
    public let terms: OfferTerms
    public let issuedAt: Date
    public var status: OfferStatus

    public init(id: Int64, caseID: Int64, source: OfferSource, terms: OfferTerms, issuedAt: Date, status: OfferStatus = .open) {
        self.id = id
        self.caseID = caseID
        self.source = source
        self.terms = terms
        self.issuedAt = issuedAt
        self.status = status
    }
}
