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
        self.rawValue = rawBytes.withUnsafeBytes { MailHeader.unfoldedText($0) }
        self.value = EncodedWord.decode(rawValue)
    }

    /// Unfolds on bytes (RFC 5322 §2.2.3: line breaks of folding are removed), trims
    /// the ends, then decodes the text once (UTF-8, else Windows-1252 for the raw
    /// Latin-1 that old mailers put in headers). Bare CR or LF left by broken mailers are
    /// treated as folding too, so they can never survive into a value written back out.
    static func unfoldedText(_ raw: UnsafeRawBufferPointer) -> String {
        var start = 0
        var end = raw.count
        while start < end, isBlankByte(raw[start]) { start += 1 }
        while end > start, isBlankByte(raw[end - 1]) { end -= 1 }
        let trimmed = UnsafeRawBufferPointer(rebasing: raw[start..<end])
        guard trimmed.contains(0x0D) || trimmed.contains(0x0A) else {
            return Charset.utf8OrWindows1252(trimmed)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(trimmed.count)
        var pendingBreak = false
        for b in trimmed {
            if b == 0x0D || b == 0x0A {
                pendingBreak = true
                continue
            }
            if pendingBreak {
                // A folded line starts with a blank already; a bare break that does not
                // still separates words.
                if b != 0x20 && b != 0x09 { bytes.append(0x20) }
                pendingBreak = false
            }
            bytes.append(b)
        }
        return bytes.withUnsafeBytes { Charset.utf8OrWindows1252($0) }
    }

    @inline(__always)
    static func isBlankByte(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }

    /// Unfolds text that is already a String (values handed to the public parsers).
    static func unfold(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A }) else { return text.trimmingBlanks() }
        var utf8 = Array(text.utf8)
        return utf8.withUnsafeMutableBytes { unfoldedText(UnsafeRawBufferPointer($0)) }
    }
}

extension Array where Element == MailHeader {
    /// The decoded value of the first field with this name (case-insensitive).
    func first(named name: String) -> MailHeader? {
        first { $0.name.equalsIgnoringASCIICase(name) }
    }
}
