import Foundation

/// A party to one case, reached at one real address.
///
/// The real address is personal data: it is used to match incoming mail and to send a
/// participant their own copies, never shown to anyone else (invariant 4).
public struct Participant: Sendable, Hashable, Codable, Identifiable {
    /// Whether the participant still takes part. Raw values are stored in the database.
    public enum State: String, Sendable, Hashable, Codable, CaseIterable {
        case active
        /// Left of their own will (`/withdraw`); the law lets any party do so at any time.
        case withdrawn
        /// Taken out of the case by the mediator or the operator.
        case removed
    }

    public var id: Int64
    public var caseNumber: Int64
    public var role: Role
    /// The address lowercased, for matching senders.
    public var address: String
    /// The address as the participant or the operator wrote it, for sending.
    public var originalAddress: String
    public var displayName: String
    public var language: Language
    public var state: State
    /// Consumers are numbered 1, 2, 3… per case; nil for every other role.
    public var pseudonym: Int?
    /// Whether this consumer agreed to appear under their own name.
    public var namePublic: Bool

    public init(
        id: Int64, caseNumber: Int64, role: Role, address: String, displayName: String,
        language: Language, state: State = .active, pseudonym: Int? = nil, namePublic: Bool = false
    ) {
        self.id = id
        self.caseNumber = caseNumber
        self.role = role
        self.address = Participant.matchingForm(of: address)
        self.originalAddress = address
        self.displayName = displayName
        self.language = language
        self.state = state
        self.pseudonym = pseudonym
        self.namePublic = namePublic
    }

    public var isActive: Bool { state == .active }

    /// The form of an address used for matching: trimmed, without angle brackets, lowercased.
    /// Lowercasing the local part is not strictly RFC 5321, but every mailbox provider our
    /// parties use treats it case-insensitively, and a sender must not be refused for `Alice@`.
    public static func matchingForm(of address: String) -> String {
        var trimmed = address.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("<"), trimmed.hasSuffix(">") {
            trimmed = String(trimmed.dropFirst().dropLast())
        }
        return trimmed.lowercased()
    }
}
