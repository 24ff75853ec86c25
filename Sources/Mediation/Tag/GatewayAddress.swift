/// The gateway's own address, `local@domain`, and the tagged variants `local+TAG@domain`
/// that plus-addressing delivers to the same mailbox.
public struct GatewayAddress: Sendable, Hashable {
    /// Why a configured gateway address cannot be used.
    public enum Problem: Error, Sendable, Hashable {
        /// Not of the form `local@domain`, or the local part already holds a `+`.
        case notAnAddress(String)
        /// The local part leaves no room for the longest tag within 64 characters.
        case localPartTooLong(String, maximum: Int)
    }

    /// The longest local part that still leaves room for a reply tag with the largest ids:
    /// 64 - "+" - 52 characters of token.
    public static let maximumLocalPartLength = 11
    /// Marks a bounce (VERP) address, `local+bounce-TOKEN@domain`; base32 has no `-`, so the
    /// prefix can never be mistaken for part of a token.
    static let bouncePrefix = "bounce-"

    /// Lowercased.
    public let localPart: String
    /// Lowercased.
    public let domain: String

    public init(_ address: String) throws(Problem) {
        let form = Participant.matchingForm(of: address)
        let parts = form.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, !parts[0].contains("+") else {
            throw .notAnAddress(address)
        }
        guard parts[0].count <= Self.maximumLocalPartLength else {
            throw .localPartTooLong(address, maximum: Self.maximumLocalPartLength)
        }
        localPart = String(parts[0])
        domain = String(parts[1])
    }

    /// `local@domain`.
    public var address: String { "\(localPart)@\(domain)" }

    /// `local+tag@domain`.
    public func tagged(_ tag: String) -> String { "\(localPart)+\(tag)@\(domain)" }

    /// The text after `local+` when `address` is a tagged variant of this address, compared
    /// without regard to case; nil for any other address, including the bare gateway address.
    public func tagText(in address: String) -> String? {
        let form = Participant.matchingForm(of: address)
        let prefix = localPart + "+"
        let suffix = "@" + domain
        guard form.hasPrefix(prefix), form.hasSuffix(suffix), form.count > prefix.count + suffix.count else {
            return nil
        }
        let tag = form.dropFirst(prefix.count).dropLast(suffix.count)
        return tag.contains("@") ? nil : String(tag)
    }

    /// Whether mail from `address` comes from the gateway itself: the bare address or any tag.
    public func isOwn(_ address: String) -> Bool {
        let form = Participant.matchingForm(of: address)
        return form == self.address || tagText(in: form) != nil
    }

    /// Every tagged variant of this address found in a header value such as
    /// `"Room" <truce+abc@mediation.test>, other@example.org` or a `Received: … for <…>`
    /// line, in order of appearance, as tag texts. Linear in the length of the value.
    public func tagTexts(inHeaderValue value: String) -> [String] {
        let text = Array(value.lowercased().utf8)
        let prefix = Array((localPart + "+").utf8)
        let suffix = Array(("@" + domain).utf8)
        var found: [String] = []
        var index = 0
        while index + prefix.count <= text.count {
            guard text[index..<(index + prefix.count)].elementsEqual(prefix),
                  index == 0 || Self.isBoundary(text[index - 1])
            else {
                index += 1
                continue
            }
            var end = index + prefix.count
            while end < text.count, Self.isTagByte(text[end]) { end += 1 }
            let afterTag = end + suffix.count
            if end > index + prefix.count, afterTag <= text.count,
               text[end..<afterTag].elementsEqual(suffix),
               afterTag == text.count || Self.isBoundary(text[afterTag]) {
                found.append(String(decoding: text[(index + prefix.count)..<end], as: UTF8.self))
                index = afterTag
            } else {
                index += 1
            }
        }
        return found
    }

    private static func isTagByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            || byte == UInt8(ascii: "-")
    }

    private static func isBoundary(_ byte: UInt8) -> Bool {
        !isTagByte(byte) && byte != UInt8(ascii: ".") && byte != UInt8(ascii: "+")
            && byte != UInt8(ascii: "_") && byte != UInt8(ascii: "@")
    }
}
