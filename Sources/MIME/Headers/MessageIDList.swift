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
        var sawBracket = false
        var i = text.startIndex
        while let open = text[i...].firstIndex(of: "<") {
            sawBracket = true
            guard let close = text[open...].firstIndex(of: ">") else {
                let id = clean(text[text.index(after: open)...])
                if !id.isEmpty { ids.append(id) }
                break
            }
            let id = clean(text[text.index(after: open)..<close])
            if !id.isEmpty { ids.append(id) }
            i = text.index(after: close)
        }
        if sawBracket { return ids }
        // No brackets at all: take words that look like ids.
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," || $0 == ";" }) {
            let id = clean(word)
            if id.contains("@") { ids.append(id) }
        }
        if ids.isEmpty {
            let id = clean(Substring(text))
            if !id.isEmpty, !id.contains(" ") { ids.append(id) }
        }
        return ids
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
