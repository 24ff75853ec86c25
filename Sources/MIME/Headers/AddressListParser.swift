import Foundation

/// Reads RFC 5322 address lists, plus the broken forms mailers and people produce:
/// groups (`undisclosed-recipients:;`, `Team: a@x, b@y;`), comments, missing angle
/// brackets (`John Doe john@x.com`), trailing or doubled commas, unquoted dots and
/// encoded words in names, `"a@b" <a@b>`, and `a@b (Name)` from old mailers.
enum AddressListParser {
    enum Token: Equatable {
        case atom(String)
        case quoted(String)
        case comment(String)
        case angle(String)
        case comma, semicolon, colon
    }

    static func parse(_ value: String) -> [MailAddress] {
        let tokens = tokenize(MailHeader.unfold(value))
        var result: [MailAddress] = []
        var current: [Token] = []
        var inGroup = false
        for token in tokens {
            switch token {
            case .comma:
                if let a = mailbox(current) { result.append(a) }
                current = []
            case .semicolon:
                if let a = mailbox(current) { result.append(a) }
                current = []
                inGroup = false
            case .colon:
                // "Group name:" starts a group when nothing before looks like an address.
                let looksLikeAddress = current.contains {
                    if case .angle = $0 { return true }
                    if case .atom(let a) = $0 { return a.utf8.contains(UInt8(ascii: "@")) }
                    return false
                }
                if !inGroup, !looksLikeAddress {
                    current = []
                    inGroup = true
                } else {
                    current.append(.atom(":"))
                }
            default:
                current.append(token)
            }
        }
        if let a = mailbox(current) { result.append(a) }
        return result
    }

    /// Builds one mailbox from the tokens between separators.
    static func mailbox(_ tokens: [Token]) -> MailAddress? {
        if tokens.isEmpty { return nil }
        var phrase: [String] = []
        var comments: [String] = []
        var angle: String?
        var afterAngle: [String] = []
        for token in tokens {
            switch token {
            case .atom(let a):
                if angle == nil { phrase.append(a) } else { afterAngle.append(a) }
            case .quoted(let q):
                if angle == nil { phrase.append(q) } else { afterAngle.append(q) }
            case .comment(let c):
                comments.append(c)
            case .angle(let a):
                // Several angle addresses in one mailbox: keep the first (what clients do).
                if angle == nil { angle = a }
            default:
                break
            }
        }
        let address: String
        var nameWords: [String]
        if let angle {
            address = cleanAddress(angle)
            nameWords = phrase
        } else {
            // No brackets: the word that contains "@" is the address; if several words
            // form "local @ domain" with blanks, join them back.
            if let at = phrase.lastIndex(where: { $0.utf8.contains(UInt8(ascii: "@")) }), phrase.count > 1, !isSplitAddress(phrase) {
                address = cleanAddress(phrase[at])
                nameWords = phrase
                nameWords.remove(at: at)
            } else {
                address = cleanAddress(phrase.joined())
                nameWords = []
            }
        }
        if address.isEmpty { return nil }
        var name = decodedPhrase(nameWords)
        if name.isEmpty, !comments.isEmpty {
            name = decodedPhrase(comments)
        }
        // `"a@b" <a@b>`: a name that only repeats the address says nothing.
        if name.caseInsensitiveCompare(address) == .orderedSame
            || name.caseInsensitiveCompare("<\(address)>") == .orderedSame {
            name = ""
        }
        return MailAddress(name: name.isEmpty ? nil : name, address: address)
    }

    /// `john @ example.com` or `john@ example.com`: the words join into one address.
    static func isSplitAddress(_ words: [String]) -> Bool {
        guard let at = words.firstIndex(where: { $0.utf8.contains(UInt8(ascii: "@")) }) else { return false }
        let w = words[at]
        if w == "@" { return at > 0 && at < words.count - 1 }
        if w.hasPrefix("@") { return at > 0 }
        if w.hasSuffix("@") { return at < words.count - 1 }
        return false
    }

    static func cleanAddress(_ raw: String) -> String {
        var a = raw.trimmingBlanks()
        a.removeAll { $0 == " " || $0 == "\t" }
        if a.asciiLowercased.hasPrefix("mailto:") { a.removeFirst(7) }
        // Obsolete source route: "@relay1,@relay2:user@host".
        if a.hasPrefix("@"), let colon = a.firstIndex(of: ":") {
            a = String(a[a.index(after: colon)...])
        }
        // Stray brackets, quotes and dots around the address.
        let stray: Set<UInt8> = [UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: ".")]
        let bytes = a.utf8
        guard let first = bytes.firstIndex(where: { !stray.contains($0) }) else { return "" }
        let last = bytes.lastIndex(where: { !stray.contains($0) })!
        return String(decoding: bytes[first...last], as: UTF8.self)
    }

    /// Joins name words with single spaces, then decodes encoded words (so adjacent
    /// encoded words lose the blank between them, as RFC 2047 says).
    static func decodedPhrase(_ words: [String]) -> String {
        let joined = words.joined(separator: " ")
        let decoded = EncodedWord.decode(joined)
        return decoded.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }

    static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        let chars = Array(text.unicodeScalars)
        var i = 0
        var atom = String.UnicodeScalarView()
        func flushAtom() {
            if !atom.isEmpty { tokens.append(.atom(String(atom))); atom = String.UnicodeScalarView() }
        }
        while i < chars.count {
            let c = chars[i]
            switch c {
            case " ", "\t", "\r", "\n":
                flushAtom()
                i += 1
            case "\"":
                flushAtom()
                var q = String.UnicodeScalarView()
                i += 1
                while i < chars.count, chars[i] != "\"" {
                    if chars[i] == "\\", i + 1 < chars.count { i += 1 }
                    q.append(chars[i])
                    i += 1
                }
                i += 1
                tokens.append(.quoted(String(q)))
            case "(":
                flushAtom()
                var depth = 1
                var comment = String.UnicodeScalarView()
                i += 1
                while i < chars.count {
                    let d = chars[i]
                    if d == "\\", i + 1 < chars.count {
                        comment.append(chars[i + 1])
                        i += 2
                        continue
                    }
                    if d == "(" { depth += 1 }
                    if d == ")" {
                        depth -= 1
                        if depth == 0 { i += 1; break }
                    }
                    comment.append(d)
                    i += 1
                }
                tokens.append(.comment(String(comment)))
            case "<":
                flushAtom()
                var inner = String.UnicodeScalarView()
                i += 1
                var inQuote = false
                while i < chars.count, inQuote || chars[i] != ">" {
                    if chars[i] == "\"" { inQuote.toggle() }
                    inner.append(chars[i])
                    i += 1
                }
                i += 1
                tokens.append(.angle(String(inner)))
            case ",":
                flushAtom(); tokens.append(.comma); i += 1
            case ";":
                flushAtom(); tokens.append(.semicolon); i += 1
            case ":":
                flushAtom(); tokens.append(.colon); i += 1
            case ">":
                // Stray closing bracket: ignore.
                flushAtom(); i += 1
            default:
                atom.append(c)
                i += 1
            }
        }
        flushAtom()
        return tokens
    }
}
