/// A party as the operator writes one, on the command line or in a file:
/// `Name <name@domain>`, or a bare `name@domain`.
///
/// Only what a person would type is accepted: one address, with a domain that has a dot.
/// Parentheses belong to the name ("Acme (service juridique)"), not to RFC 5322 comments.
public struct PartyAddress: Sendable, Hashable, CustomStringConvertible {
    /// The display name, trimmed; empty when only an address was given.
    public var name: String
    /// The address as written, without angle brackets.
    public var address: String

    public init(name: String, address: String) {
        self.name = name
        self.address = address
    }

    /// Reads `Name <address>` or `address`, or says in one sentence why it cannot.
    public init(parsing text: String) throws(OperatorError) {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty else {
            throw .invalid("an address is empty: write it as \"Name <name@domain>\"")
        }
        let name: Substring
        let address: Substring
        if let open = trimmed.lastIndex(of: "<") {
            guard trimmed.hasSuffix(">") else {
                throw .invalid("'\(trimmed)' has a '<' without a closing '>': write it as \"Name <name@domain>\"")
            }
            name = trimmed[..<open]
            address = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
        } else {
            name = ""
            address = Substring(trimmed)
        }
        let cleanAddress = address.trimmingWhitespace()
        guard Self.isMailbox(cleanAddress) else {
            throw .invalid("'\(cleanAddress)' in '\(trimmed)' is not an email address like name@domain.org")
        }
        var cleanName = name.trimmingWhitespace()
        if cleanName.count >= 2, cleanName.hasPrefix("\""), cleanName.hasSuffix("\"") {
            cleanName = String(cleanName.dropFirst().dropLast()).trimmingWhitespace()
        }
        self.init(name: cleanName, address: cleanAddress)
    }

    /// `Name <address>`, or the bare address when there is no name.
    public var description: String { name.isEmpty ? address : "\(name) <\(address)>" }

    /// The name with anything in parentheses at its end left out: "Acme (service juridique)" → "Acme".
    public var baseName: String {
        guard name.hasSuffix(")"), let open = name.lastIndex(of: "(") else { return name }
        return name[..<open].trimmingWhitespace()
    }

    /// One `local@domain.tld`: no spaces, brackets, commas or quotes; a dot in the domain.
    static func isMailbox(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, let local = parts.first, let domain = parts.last,
              !local.isEmpty, !domain.isEmpty
        else { return false }
        let forbidden: Set<Character> = ["<", ">", ",", ";", "\"", "(", ")", "[", "]", "\\", ":"]
        guard !text.contains(where: { $0.isWhitespace || forbidden.contains($0) }) else { return false }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { !$0.isEmpty }
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
