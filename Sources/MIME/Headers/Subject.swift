import Foundation

/// A subject line read the way threading needs it: the base subject without the reply
/// and forward prefixes clients stack up ("Re: RE: AW: Fwd:", "Réf. :", "TR :"), and
/// whether the message presents itself as a reply or a forward.
///
/// List and ticket tags such as "[Truce #12]" are kept in place (they carry meaning for
/// people), but prefixes found after them are removed too: "Re: [Truce] Re: Hello" has
/// the base subject "[Truce] Hello".
public struct Subject: Sendable, Hashable {
    /// The subject as decoded from the header.
    public var original: String
    /// The subject without reply/forward prefixes, blanks collapsed.
    public var base: String
    /// The first prefix marks a reply (Re:, AW:, Réf.…).
    public var isReply: Bool
    /// The first prefix marks a forward (Fwd:, FW:, TR:, WG:…), or the subject ends in "(fwd)".
    public var isForward: Bool

    public init(_ subject: String) {
        original = subject
        let parsed = Subject.strip(subject)
        base = parsed.base
        isReply = parsed.first == .reply
        isForward = parsed.first == .forward
    }

    /// The subject without reply/forward prefixes.
    public static func baseSubject(_ subject: String) -> String {
        strip(subject).base
    }

    enum Kind { case reply, forward }

    static let replyPrefixes: Set<String> = ["re", "aw", "sv", "antw", "odp", "rif", "ref", "réf", "res", "r", "vs", "atb", "yan", "απ", "回复", "答复", "返信"]
    static let forwardPrefixes: Set<String> = ["fwd", "fw", "tr", "wg", "enc", "rv", "doorst", "vl", "i", "fs", "pd", "転送", "转发"]

    static func strip(_ subject: String) -> (base: String, first: Kind?) {
        var rest = Substring(subject.split(whereSeparator: { $0 == " " || $0 == "\t" || $0.isNewline }).joined(separator: " "))
        var tags: [Substring] = []
        var first: Kind?
        loop: while true {
            rest = rest.drop(while: { $0 == " " })
            if rest.first == "[", let close = rest.firstIndex(of: "]") {
                let tag = rest[...close]
                let inner = tag.dropFirst().dropLast()
                // "[External]" style tags are kept; an empty "[]" is noise.
                if !inner.trimmingCharacters(in: .whitespaces).isEmpty { tags.append(tag) }
                rest = rest[rest.index(after: close)...]
                continue
            }
            guard let (kind, after) = prefix(rest) else { break loop }
            if first == nil { first = kind }
            rest = after
        }
        var base = rest.trimmingCharacters(in: .whitespaces)
        for suffix in ["(fwd)", "(Fwd)", "(FWD)"] where base.hasSuffix(suffix) {
            base = String(base.dropLast(suffix.count)).trimmingCharacters(in: .whitespaces)
            if first == nil { first = .forward }
        }
        let joinedTags = tags.joined(separator: " ")
        if joinedTags.isEmpty { return (base, first) }
        return (base.isEmpty ? joinedTags : joinedTags + " " + base, first)
    }

    /// Recognises one prefix word followed by an optional counter ("[2]", "(3)", "^4")
    /// and a colon (ASCII or full-width), or "Réf." / "Ref." with just a dot.
    static func prefix(_ s: Substring) -> (Kind, Substring)? {
        var word = ""
        var i = s.startIndex
        while i < s.endIndex, s[i].isLetter {
            word.append(s[i])
            i = s.index(after: i)
        }
        guard !word.isEmpty, word.count <= 6 else { return nil }
        let lower = word.lowercased()
        let kind: Kind
        if replyPrefixes.contains(lower) { kind = .reply } else if forwardPrefixes.contains(lower) { kind = .forward } else { return nil }
        var j = i
        // Counter: Re[2]: Re(2): Re^2:
        if j < s.endIndex, s[j] == "[" || s[j] == "(" || s[j] == "^" {
            var k = s.index(after: j)
            while k < s.endIndex, s[k].isNumber { k = s.index(after: k) }
            if k < s.endIndex, s[k] == "]" || s[k] == ")" { k = s.index(after: k) }
            j = k
        }
        var dotted = false
        if j < s.endIndex, s[j] == ".", lower == "réf" || lower == "ref" {
            dotted = true
            j = s.index(after: j)
        }
        // French typography puts a space (often a no-break space) before the colon: "TR : Devis".
        var k = j
        while k < s.endIndex, s[k] == " " || s[k] == "\u{A0}" || s[k] == "\u{202F}" { k = s.index(after: k) }
        if k < s.endIndex, s[k] == ":" || s[k] == "：" {
            return (kind, s[s.index(after: k)...])
        }
        if dotted { return (kind, s[j...]) }
        return nil
    }
}
