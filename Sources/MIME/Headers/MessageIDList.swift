import Foundation

/// Reads Message-ID, In-Reply-To and References values into bare ids (no brackets).
///
/// Clients thread on these, so a broken one costs a conversation: ids without brackets,
/// ids separated by commas, comments, and phrases before the id (old mailers wrote
/// `In-Reply-To: Your message of ... <id>`) are all accepted.
public enum MessageIDList {
    public static func parse(_ value: String) -> [String] {
        let text = stripComments(value)
        var ids: [String] = []
        var outside = ""
        var i = text.startIndex
        while i < text.endIndex {
            guard text[i] == "<" else {
                outside.append(text[i])
                i = text.index(after: i)
                continue
            }
            takeBareIDs(&outside, into: &ids)
            let open = text.index(after: i)
            let close = text[open...].firstIndex(of: ">") ?? text.endIndex
            let id = clean(text[open..<close])
            if !id.isEmpty { ids.append(id) }
            i = close < text.endIndex ? text.index(after: close) : close
        }
        takeBareIDs(&outside, into: &ids)
        if ids.isEmpty {
            // A lone token without "@" (some generators) is still an id.
            let id = clean(Substring(text))
            if !id.isEmpty, !text.trimmingCharacters(in: .whitespaces).contains(" ") { ids.append(id) }
        }
        return ids
    }

    /// Text between bracketed ids: words with an "@" are ids that lost their brackets;
    /// other words are phrases ("Your message of …") and are ignored.
    private static func takeBareIDs(_ outside: inout String, into ids: inout [String]) {
        for word in outside.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," || $0 == ";" || $0 == "\r" || $0 == "\n" }) {
            let id = clean(word)
            if id.contains("@"), !id.hasPrefix("@"), !id.hasSuffix("@") { ids.append(id) }
        }
        outside = ""
    }

    static func clean(_ s: Substring) -> String {
        var id = String(s)
        id.removeAll { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "<" || $0 == ">" }
        return id
    }

    static func stripComments(_ s: String) -> String {
        guard s.contains("(") else { return s }
        var out = ""
        var depth = 0
        var inAngle = false
        for c in s {
            // Parentheses inside an id are part of it.
            if c == "<" { inAngle = true }
            if c == ">" { inAngle = false }
            if !inAngle, c == "(" { depth += 1; continue }
            if !inAngle, c == ")", depth > 0 { depth -= 1; continue }
            if depth == 0 { out.append(c) }
        }
        return out
    }
}
