import Foundation

/// RFC 2047 encoded words (`=?charset?B|Q?text?=`) in header values.
///
/// Decoding follows what readers expect rather than the letter of the RFC: encoded words
/// are decoded wherever they appear (mailers glue them to punctuation and quotes), the
/// blanks between two adjacent encoded words are dropped, and adjacent words in the same
/// charset are joined as bytes before decoding, because some mailers split a multi-byte
/// character across two words. A malformed word is left exactly as written.
public enum EncodedWord {
    /// Decodes every encoded word in `text`.
    public static func decode(_ text: String) -> String {
        guard text.containsBytes(of: "=?") else { return text }
        let utf8 = Array(text.utf8)
        var out = String()
        var literalStart = 0
        var i = 0
        // Bytes of the pending run of adjacent encoded words in one charset.
        var pendingBytes: [UInt8] = []
        var pendingCharset: String?
        var lastWordEnd = -1

        func flushPending() {
            if let charset = pendingCharset {
                out += pendingBytes.withUnsafeBytes { Charset.decode($0, label: charset) }
            }
            pendingBytes.removeAll(keepingCapacity: true)
            pendingCharset = nil
        }

        // For each index, where the next "?=" and the next line break are: finding a
        // word's end is then O(1), so a header full of "=?" that never close stays linear.
        var nextClose = [Int](repeating: utf8.count, count: utf8.count + 1)
        var nextBreak = [Int](repeating: utf8.count, count: utf8.count + 1)
        if utf8.count >= 2 {
            for k in stride(from: utf8.count - 1, through: 0, by: -1) {
                nextClose[k] = k + 1 < utf8.count && utf8[k] == UInt8(ascii: "?") && utf8[k + 1] == UInt8(ascii: "=") ? k : nextClose[k + 1]
                nextBreak[k] = utf8[k] == 0x0D || utf8[k] == 0x0A ? k : nextBreak[k + 1]
            }
        }
        while i + 1 < utf8.count {
            guard utf8[i] == UInt8(ascii: "="), utf8[i + 1] == UInt8(ascii: "?"),
                  let word = parseWord(utf8, at: i, nextClose: nextClose, nextBreak: nextBreak) else {
                i += 1
                continue
            }
            // Text between the previous encoded word and this one.
            let between = utf8[literalStart..<i]
            let onlyBlanks = between.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
            if lastWordEnd == literalStart, onlyBlanks {
                // Adjacent encoded words: the blanks between them are not content.
                if pendingCharset != nil, Charset.normalizedLabel(pendingCharset) != Charset.normalizedLabel(word.charset) {
                    flushPending()
                }
            } else {
                flushPending()
                out += String(decoding: between, as: UTF8.self)
            }
            pendingCharset = word.charset
            pendingBytes.append(contentsOf: word.bytes)
            i = word.end
            literalStart = i
            lastWordEnd = i
        }
        flushPending()
        if literalStart < utf8.count {
            out += String(decoding: utf8[literalStart...], as: UTF8.self)
        }
        return out
    }

    /// RFC 2047 caps a word at 75 characters; mailers overshoot, but not by this much.
    static let maximumCharsetLength = 64
    static let maximumTextLength = 4096

    struct Word {
        var charset: String
        var bytes: [UInt8]
        var end: Int
    }

    /// Parses one encoded word starting at `start` ("=?"). Returns nil when malformed.
    static func parseWord(_ s: [UInt8], at start: Int, nextClose: [Int], nextBreak: [Int]) -> Word? {
        var i = start + 2
        let charsetStart = i
        while i < s.count, s[i] != UInt8(ascii: "?") {
            if s[i] <= 0x20 || s[i] >= 0x7F || i - charsetStart > maximumCharsetLength { return nil }
            i += 1
        }
        guard i + 2 < s.count, i > charsetStart else { return nil }
        let charset = String(decoding: s[charsetStart..<i], as: UTF8.self)
        let encoding = s[i + 1] | 0x20
        guard encoding == UInt8(ascii: "b") || encoding == UInt8(ascii: "q"), s[i + 2] == UInt8(ascii: "?") else { return nil }
        let textStart = i + 3
        // The text ends at the first "?=". Blanks are not allowed inside, but a few
        // mailers emit them in Q words; a line break ends the attempt.
        let j = nextClose[textStart]
        guard j < s.count, nextBreak[textStart] > j, j - textStart <= maximumTextLength else { return nil }
        let text = s[textStart..<j]
        let bytes: [UInt8]
        if encoding == UInt8(ascii: "b") {
            bytes = [UInt8](Base64Decoder.decode(text))
        } else {
            bytes = [UInt8](QuotedPrintableDecoder.decode(text, underscoreIsSpace: true))
        }
        return Word(charset: charset, bytes: bytes, end: j + 2)
    }
}
