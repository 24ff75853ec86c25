// Line-level reading shared by every quote and signature rule.
import Foundation

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
            let forms = raw.utf8.withContiguousStorageIfAvailable(Self.normalize)
                ?? Array(raw.utf8).withUnsafeBufferPointer(Self.normalize)
            normalized = forms.normalized
            lowered = forms.lowered
            isBlank = normalized.isEmpty  // only no-break or narrow spaces
        }
    }

    /// The normalized line and its lowercase form, in one pass over the bytes.
    private static func normalize(_ bytes: UnsafeBufferPointer<UInt8>) -> (normalized: String, lowered: String) {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var pendingSpace = false
        var isASCII = true
        var index = 0
        while index < bytes.count {
            let current = bytes[index]
            var width = 1
            var replacement: UInt8? = current
            if current == 0x20 || current == 0x09 {
                replacement = nil
            } else if current == 0xC2, index + 1 < bytes.count, bytes[index + 1] == 0xA0 {
                width = 2
                replacement = nil
            } else if current == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80 {
                switch bytes[index + 2] {
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
                if replacement >= 0x80 { isASCII = false }
            } else {
                pendingSpace = true
            }
            index += width
        }
        let normalized = String(decoding: output, as: UTF8.self)
        if isASCII {
            for position in output.indices where output[position] >= 0x41 && output[position] <= 0x5A {
                output[position] += 0x20
            }
            return (normalized, String(decoding: output, as: UTF8.self))
        }
        // What String.lowercased() does, scalar by scalar, with the common letters that
        // have no other case (é, à, ç) copied as they are.
        var lowered: [UInt8] = []
        lowered.reserveCapacity(output.count)
        for scalar in normalized.unicodeScalars {
            if scalar.isASCII {
                let byte = UInt8(scalar.value)
                lowered.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
            } else if scalar.properties.changesWhenLowercased {
                lowered.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
            } else {
                UTF8.encode(scalar) { lowered.append($0) }
            }
        }
        return (normalized, String(decoding: lowered, as: UTF8.self))
    }

    /// Splits a body into lines at "\n" (a preceding "\r" is dropped).
    static func lines(of text: String) -> [MailLine] {
        // Line feeds found over the contiguous bytes (a generic split of the UTF-8 view
        // costs more than reading the lines), then each line taken as a slice of `text`.
        var copy = text
        let feeds = copy.withUTF8 { bytes -> [Int] in
            var found: [Int] = []
            guard let base = bytes.baseAddress else { return found }
            var position = 0
            while position < bytes.count, let hit = memchr(base + position, 0x0A, bytes.count - position) {
                let offset = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
                found.append(offset)
                position = offset + 1
            }
            return found
        }
        let utf8 = text.utf8
        var lines: [MailLine] = []
        lines.reserveCapacity(feeds.count + 1)
        var start = utf8.startIndex
        var startOffset = 0
        for offset in feeds {
            let end = utf8.index(start, offsetBy: offset - startOffset)
            lines.append(MailLine(Substring(utf8[start..<end])))
            start = utf8.index(after: end)
            startOffset = offset + 1
        }
        lines.append(MailLine(Substring(utf8[start...])))
        return lines
    }
}
