import Foundation

/// Encodes text bodies as quoted-printable (RFC 2045 §6.7) for outgoing mail.
///
/// Input line ends (LF, CRLF or CR) become CRLF hard breaks; lines are soft-wrapped so
/// no encoded line exceeds 76 characters, never inside an `=XX` escape; blanks at the
/// end of a line are escaped so transports cannot strip them. A body that does not end
/// with a line break ends with a soft break, so the decoded text is exactly the input.
enum QuotedPrintableEncoder {
    static func encode(_ text: String) -> [UInt8] {
        let lines = text.withLFLineEnds
            .split(separator: "\n", omittingEmptySubsequences: false)
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + text.utf8.count / 8)
        for (index, line) in lines.enumerated() {
            let isLast = index == lines.count - 1
            if isLast, line.isEmpty { break }
            encodeLine(Array(line.utf8), into: &out)
            if isLast {
                // No final line break in the input: end with a soft break.
                out += [UInt8(ascii: "="), 0x0D, 0x0A]
            } else {
                out += [0x0D, 0x0A]
            }
        }
        return out
    }

    static let hex = Array("0123456789ABCDEF".utf8)

    private static func encodeLine(_ bytes: [UInt8], into out: inout [UInt8]) {
        var column = 0
        for (i, b) in bytes.enumerated() {
            let atLineEnd = i == bytes.count - 1
            let literal: Bool
            switch b {
            case 0x20, 0x09: literal = !atLineEnd
            case UInt8(ascii: "="): literal = false
            case 33...126: literal = true
            default: literal = false
            }
            let width = literal ? 1 : 3
            // Keep room for the "=" of a soft break.
            if column + width > 75 {
                out += [UInt8(ascii: "="), 0x0D, 0x0A]
                column = 0
            }
            if literal {
                out.append(b)
            } else {
                out += [UInt8(ascii: "="), hex[Int(b >> 4)], hex[Int(b & 0x0F)]]
            }
            column += width
        }
    }
}
