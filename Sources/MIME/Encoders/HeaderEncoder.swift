import Foundation

/// Writes header fields for outgoing mail: RFC 2047 encoded words only where needed,
/// folding at 78 characters between words (never inside an encoded word), CRLF ends.
///
/// A field value is handled as a list of tokens separated by single spaces; folding
/// replaces such a space with CRLF + space, so unfolding restores the value exactly.
enum HeaderEncoder {
    static let lineLimit = 78

    /// Folds `Name: token token…` into lines of at most 78 characters where possible
    /// (a single token longer than a line is left whole).
    static func field(_ name: String, tokens: [String]) -> String {
        var out = name + ":"
        var lineLength = out.utf8.count
        for token in tokens {
            let length = token.utf8.count
            if lineLength + 1 + length > lineLimit, lineLength > name.utf8.count + 1 {
                out += "\r\n " + token
                lineLength = 1 + length
            } else {
                out += " " + token
                lineLength += 1 + length
            }
        }
        return out + "\r\n"
    }

    /// Tokens for unstructured text (Subject, extra headers): plain words stay as they
    /// are, runs of words that need encoding become encoded words.
    static func unstructured(_ text: String) -> [String] {
        let words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        var tokens: [String] = []
        var run: [String] = []
        func flushRun() {
            if !run.isEmpty { tokens += encodedWords(run.joined(separator: " ")) }
            run = []
        }
        for word in words {
            if needsEncoding(word) {
                run.append(word)
            } else if !run.isEmpty, word.isEmpty {
                // Keep a doubled space inside the encoded run rather than between words.
                run.append(word)
            } else {
                flushRun()
                tokens.append(word)
            }
        }
        flushRun()
        return tokens
    }

    /// Tokens for a display name: atoms as they are, other ASCII as a quoted string,
    /// anything else as encoded words.
    static func phrase(_ name: String) -> [String] {
        if !name.isEmpty, name.unicodeScalars.allSatisfy({ isAtext($0) || $0 == " " }),
           !name.hasPrefix(" "), !name.hasSuffix(" "), !name.contains("  "), !name.contains("=?") {
            return name.split(separator: " ").map(String.init)
        }
        if name.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }), !name.contains("=?") {
            let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return ("\"" + escaped + "\"").split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        }
        return encodedWords(name)
    }

    static func needsEncoding(_ word: String) -> Bool {
        if word.utf8.count > lineLimit - 2 { return true }
        if word.contains("=?") { return true }
        return word.unicodeScalars.contains { $0.value < 0x20 || $0.value >= 0x7F }
    }

    static func isAtext(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "a"..."z", "A"..."Z", "0"..."9": return true
        default: return "!#$%&'*+-/=?^_`{|}~".unicodeScalars.contains(s)
        }
    }

    /// Encodes `text` as UTF-8 encoded words of at most 75 characters each, split
    /// between characters. Q when the text is mostly ASCII (readable in raw source),
    /// B otherwise (shorter).
    static func encodedWords(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        let nonASCII = bytes.filter { $0 >= 0x80 }.count
        let useB = nonASCII * 2 > bytes.count
        let budget = 75 - "=?utf-8?q??=".count
        var words: [String] = []
        var current: [UInt8] = []
        var currentLength = 0

        func cost(_ piece: [UInt8]) -> Int {
            useB ? 0 : piece.reduce(0) { $0 + (isQLiteral($1) ? 1 : 3) }
        }
        func fits(_ piece: [UInt8]) -> Bool {
            if useB { return ((current.count + piece.count + 2) / 3) * 4 <= budget }
            return currentLength + cost(piece) <= budget
        }
        func flush() {
            if current.isEmpty { return }
            words.append(useB ? "=?utf-8?b?" + Data(current).base64EncodedString() + "?=" : "=?utf-8?q?" + qEncode(current) + "?=")
            current = []
            currentLength = 0
        }
        for character in text {
            var pieces = [Array(String(character).utf8)]
            // A huge grapheme (emoji sequences) may not fit one word: split it by scalars.
            if !useB && cost(pieces[0]) > budget || useB && pieces[0].count > 45 {
                pieces = character.unicodeScalars.map { Array(String($0).utf8) }
            }
            for piece in pieces {
                if !fits(piece) { flush() }
                current += piece
                currentLength += cost(piece)
            }
        }
        flush()
        return words
    }

    static func isQLiteral(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "!"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "/"), 0x20:
            return true
        default:
            return false
        }
    }

    static func qEncode(_ bytes: [UInt8]) -> String {
        var out = ""
        for b in bytes {
            if b == 0x20 {
                out += "_"
            } else if isQLiteral(b) {
                out.unicodeScalars.append(Unicode.Scalar(b))
            } else {
                out += "="
                out.unicodeScalars.append(Unicode.Scalar(QuotedPrintableEncoder.hex[Int(b >> 4)]))
                out.unicodeScalars.append(Unicode.Scalar(QuotedPrintableEncoder.hex[Int(b & 0x0F)]))
            }
        }
        return out
    }

    /// A MIME parameter (`; name="value"`, or RFC 2231 `name*0*=utf-8''…` sections when
    /// the value is not plain ASCII), as tokens for `field`.
    static func parameter(_ name: String, _ value: String) -> [String] {
        let plainASCII = value.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F }
        if plainASCII, !value.contains("=?"), value.utf8.count <= 60 {
            let escaped = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return ["\(name)=\"\(escaped)\""]
        }
        // Percent-encode UTF-8 and cut into sections that fit a line, never inside "%XX".
        var sections: [String] = []
        var current = ""
        for b in value.utf8 {
            let piece: String
            if isQLiteral(b) && b != 0x20 || b == UInt8(ascii: ".") || b == UInt8(ascii: "_") {
                piece = String(UnicodeScalar(b))
            } else {
                piece = "%" + String(UnicodeScalar(QuotedPrintableEncoder.hex[Int(b >> 4)])) + String(UnicodeScalar(QuotedPrintableEncoder.hex[Int(b & 0x0F)]))
            }
            if current.utf8.count + piece.utf8.count > 50 {
                sections.append(current)
                current = ""
            }
            current += piece
        }
        sections.append(current)
        if sections.count == 1 {
            return ["\(name)*=utf-8''\(sections[0])"]
        }
        return sections.enumerated().map { index, section in
            index == 0 ? "\(name)*0*=utf-8''\(section)" : "\(name)*\(index)*=\(section)"
        }
    }
}
