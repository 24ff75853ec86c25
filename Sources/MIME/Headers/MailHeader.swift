import Foundation

/// One header field as it appeared in the message, in order, repeats kept.
///
/// `rawBytes` is exactly what followed the colon (folding included), `rawValue` is that
/// text unfolded but not decoded (what the structured parsers for addresses, ids and
/// parameters start from), and `value` is the unfolded text with RFC 2047 encoded words
/// decoded (what a person reads).
public struct MailHeader: Sendable, Hashable {
    /// The field name as written (case preserved; compare case-insensitively).
    public var name: String
    /// The bytes after the colon, line folding included, line end excluded.
    public var rawBytes: Data
    /// The unfolded value before encoded-word decoding, surrounding blanks trimmed.
    public var rawValue: String
    /// The unfolded value with encoded words decoded, surrounding blanks trimmed.
    public var value: String

    public init(name: String, rawBytes: Data) {
        self.name = name
        self.rawBytes = rawBytes
        let text = rawBytes.withUnsafeBytes { Charset.utf8OrWindows1252($0) }
        self.rawValue = MailHeader.unfold(text)
        self.value = EncodedWord.decode(rawValue)
    }

    /// Removes the line breaks of folding (RFC 5322 §2.2.3) and trims the ends. Bare CR or
    /// LF left by broken mailers are treated as folding too, so they can never survive
    /// into a value that is written back out.
    static func unfold(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        var pendingSpace = false
        for s in text.unicodeScalars {
            if s == "\r" || s == "\n" {
                pendingSpace = true
                continue
            }
            if pendingSpace {
                // A folded line starts with whitespace already; a bare break that does not
                // still separates words.
                if s != " " && s != "\t" { scalars.append(" ") }
                pendingSpace = false
            }
            scalars.append(s)
        }
        return String(scalars).trimmingCharacters(in: .whitespaces)
    }
}

extension Array where Element == MailHeader {
    /// The decoded value of the first field with this name (case-insensitive).
    func first(named name: String) -> MailHeader? {
        first { $0.name.caseInsensitiveCompare(name) == .orderedSame }
    }
}
