/// The `In-Reply-To` and `References` of one recipient's copy of a post.
///
/// Every copy has its own Message-ID, so a thread only holds together in a recipient's
/// client if these headers name that recipient's own copies of the earlier posts.
public struct ThreadingPlan: Sendable, Hashable {
    /// The longest `References` list kept; long threads keep their root and latest posts,
    /// which is what clients use to thread (Discourse reads at most five).
    public static let maximumReferences = 10

    /// The Message-ID of the recipient's copy of the direct parent, without angle brackets.
    public var inReplyTo: String?
    /// Root first, direct parent last, without angle brackets.
    public var references: [String]

    /// - Parameter parentChain: Message-IDs of the recipient's copies of the parent chain,
    ///   root first and direct parent last; posts the recipient never received are left out
    ///   by the caller.
    public init(parentChain: [String], maximumReferences: Int = ThreadingPlan.maximumReferences) {
        let ids = parentChain.map(Self.bare).filter { !$0.isEmpty }
        inReplyTo = ids.last
        if ids.count <= maximumReferences {
            references = ids
        } else {
            references = [ids[0]] + ids.suffix(max(maximumReferences - 1, 0))
        }
    }

    /// `<id>` for the `In-Reply-To` header, or nil for the first post of a thread.
    public var inReplyToHeader: String? { inReplyTo.map { "<\($0)>" } }
    /// `<root> <…> <parent>` for the `References` header, or nil for the first post.
    public var referencesHeader: String? {
        references.isEmpty ? nil : references.map { "<\($0)>" }.joined(separator: " ")
    }

    /// A Message-ID without surrounding whitespace and angle brackets, the form stored.
    public static func bare(_ id: String) -> String {
        // Most ids are ours, already bare, and every copy of a post passes through here:
        // printable ASCII at both ends, neither bracket, means nothing to trim or strip.
        let printable: ClosedRange<UInt8> = 0x21...0x7E
        if let first = id.utf8.first, let last = id.utf8.last, printable.contains(first), printable.contains(last),
           first != UInt8(ascii: "<"), last != UInt8(ascii: ">") {
            return id
        }
        var text = id.trimmingWhitespace()
        if text.hasPrefix("<") { text = text.dropFirst() }
        if text.hasSuffix(">") { text = text.dropLast() }
        return String(text)
    }
}
