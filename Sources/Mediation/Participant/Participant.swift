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

    /// A participant as stored, whose matching form was worked out when they were added:
    /// reading a case's participants does not lowercase every address again.
    public init(
        id: Int64, caseNumber: Int64, role: Role, matchingAddress: String, originalAddress: String,
        displayName: String, language: Language, state: State, pseudonym: Int?, namePublic: Bool
    ) {
        self.id = id
        self.caseNumber = caseNumber
        self.role = role
        self.address = matchingAddress
        self.originalAddress = originalAddress
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
        // Most addresses are already in matching form (they come from the store or a parsed
        // From): checking the bytes is much cheaper than trimming and lowercasing a copy.
        if isMatchingForm(address.utf8) { return address }
        var trimmed = address.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("<"), trimmed.hasSuffix(">") {
            trimmed = String(trimmed.dropFirst().dropLast())
        }
        return trimmed.lowercased()
    }

    /// True for plain ASCII without upper case, surrounding white space or enclosing angle
    /// brackets, which `matchingForm` would return unchanged.
    private static func isMatchingForm(_ bytes: String.UTF8View) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return true }
        if first <= 0x20 || last <= 0x20 || (first == UInt8(ascii: "<") && last == UInt8(ascii: ">")) { return false }
        return !bytes.contains { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) || $0 >= 0x80 }
    }
}
