// Line-level reading shared by every quote and signature rule.

/// One line of a text body, read once: whether it is blank or quoted, and, for a line
/// that could be a marker, the normalized and lowercased forms the rules compare.
struct MailLine {
    let raw: Substring
    let isBlank: Bool
    /// A `>` line, however indented: the quoting every plain-text client uses.
    let isQuoted: Bool
    /// Non-breaking and narrow spaces (French typography puts one before ":") and tabs
    /// read as spaces, runs of spaces as one, curly apostrophes as straight, both ends
    /// trimmed. Empty for blank, quoted and over-long lines, which are never markers.
    let normalized: String
    let lowered: String

    /// Longer lines are never history markers (in UTF-8 bytes, so cheap to test); an
    /// attribution wrapped over three lines is still far shorter.
    static let maxMarkerLength = 1_000

    init(_ line: Substring) {
        raw = line.utf8.last == 0x0D ? line.dropLast() : line
        var blank = true
        var quoted = false
        for byte in raw.utf8 {
            if byte == 0x20 || byte == 0x09 { continue }
            blank = false
            quoted = byte == UInt8(ascii: ">")
            break
        }
        isQuoted = quoted
        if blank || quoted || raw.utf8.count > Self.maxMarkerLength {
            isBlank = blank
            normalized = ""
            lowered = ""
        } else {
            normalized = Self.normalize(raw.utf8)
            lowered = normalized.lowercased()
            isBlank = normalized.isEmpty  // only no-break or narrow spaces
        }
    }

    private static func normalize(_ bytes: Substring.UTF8View) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var pendingSpace = false
        var index = bytes.startIndex
        func byte(at offset: Int) -> UInt8? {
            guard let position = bytes.index(index, offsetBy: offset, limitedBy: bytes.endIndex),
                position < bytes.endIndex
            else { return nil }
            return bytes[position]
        }
        while index < bytes.endIndex {
            let current = bytes[index]
            var width = 1
            var replacement: UInt8? = current
            if current == 0x20 || current == 0x09 {
                replacement = nil
            } else if current == 0xC2, byte(at: 1) == 0xA0 {
                width = 2
                replacement = nil
            } else if current == 0xE2, byte(at: 1) == 0x80, let third = byte(at: 2) {
                switch third {
                case 0xAF, 0x87, 0x89:  // U+202F, U+2007, U+2009: spaces
                    width = 3
                    replacement = nil
                case 0x98, 0x99:  // U+2018, U+2019: apostrophes
                    width = 3
                    replacement = UInt8(ascii: "'")
                default:
                    break
                }
            }
            if let replacement {
                if pendingSpace, !output.isEmpty { output.append(0x20) }
                pendingSpace = false
                output.append(replacement)
            } else {
                pendingSpace = true
            }
            index = bytes.index(index, offsetBy: width)
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Splits a body into lines at "\n" (a preceding "\r" is dropped).
    static func lines(of text: String) -> [MailLine] {
        text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { MailLine(Substring($0)) }
    }
}
