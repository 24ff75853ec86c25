import Foundation

/// A mailbox: an optional display name and an address `local@domain`.
///
/// The domain is kept as written, including internationalised (IDN) domains in Unicode,
/// so that what the gateway compares is what the sender's client showed.
public struct MailAddress: Sendable, Hashable, CustomStringConvertible {
    /// The display name, decoded, or nil when there is none.
    public var name: String?
    /// `local@domain` (or a bare local part, as some bounce senders write).
    public var address: String

    public init(name: String? = nil, address: String) {
        self.name = name
        self.address = address
    }

    /// The part before the last `@`.
    public var localPart: String {
        guard let at = address.lastIndex(of: "@") else { return address }
        return String(address[..<at])
    }

    /// The part after the last `@`, or an empty string.
    public var domain: String {
        guard let at = address.lastIndex(of: "@") else { return "" }
        return String(address[address.index(after: at)...])
    }

    public var description: String {
        if let name, !name.isEmpty { return "\(name) <\(address)>" }
        return address
    }

    /// Parses an address list header value (To, Cc, From…), raw or already unfolded.
    /// Never fails: whatever cannot be read as a mailbox is skipped.
    public static func parseList(_ value: String) -> [MailAddress] {
        AddressListParser.parse(value)
    }
}
