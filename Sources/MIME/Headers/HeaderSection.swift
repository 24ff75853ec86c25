import Foundation

/// Splits the header section of a message or part into fields.
///
/// Tolerates LF-only line ends, an mbox "From " separator line at the very top, and
/// names with blanks before the colon ("Subject :", an obsolete form). A line that is
/// neither a field nor a continuation ends the header section, as in Python's parser,
/// so a file that is not mail at all yields no headers and a body with everything.
enum HeaderSection {
    struct Result {
        var headers: [MailHeader]
        /// Offset where the body starts (after the blank line, if any).
        var bodyStart: Int
    }

    /// Parses `range` of `buffer` (whose offsets are relative to its start). With `only`,
    /// the section is read the same way but only fields of that name (ASCII,
    /// case-insensitive) are kept, so the others cost no decoding.
    static func parse(_ buffer: UnsafeRawBufferPointer, range: Range<Int>, only: StaticString? = nil) -> Result {
        var headers: [MailHeader] = []
        var i = range.lowerBound
        let end = range.upperBound
        var first = true
        while i < end {
            let lineEnd = lineEndIndex(buffer, from: i, end: end)
            let next = afterLineBreak(buffer, lineEnd, end)
            if lineEnd == i {
                // Blank line: the body follows.
                return Result(headers: headers, bodyStart: next)
            }
            // An mbox separator ("From sender date") is not a field: skip it.
            if first, matches(buffer, i, "From "), !isField(buffer, i, lineEnd) {
                first = false
                i = next
                continue
            }
            first = false
            guard let colon = colonIndex(buffer, i, lineEnd), looksLikeFieldName(buffer, i, colon) else {
                if buffer[i] == 0x20 || buffer[i] == 0x09, headers.isEmpty, i == range.lowerBound {
                    // Continuations are consumed with their field below; an indented
                    // line before any field is junk from a broken mailer: skip it.
                    i = next
                    continue
                }
                return Result(headers: headers, bodyStart: i)
            }
            // Collect continuation lines.
            var valueEnd = lineEnd
            var cursor = next
            while cursor < end, buffer[cursor] == 0x20 || buffer[cursor] == 0x09 {
                let contEnd = lineEndIndex(buffer, from: cursor, end: end)
                valueEnd = contEnd
                cursor = afterLineBreak(buffer, contEnd, end)
            }
            var nameEnd = colon
            while nameEnd > i, buffer[nameEnd - 1] == 0x20 || buffer[nameEnd - 1] == 0x09 { nameEnd -= 1 }
            if let only, !namesMatch(buffer, i, nameEnd, only) {
                i = cursor
                continue
            }
            let name = String(decoding: UnsafeRawBufferPointer(rebasing: buffer[i..<nameEnd]), as: UTF8.self)
            let raw = Data(UnsafeRawBufferPointer(rebasing: buffer[(colon + 1)..<valueEnd]))
            headers.append(MailHeader(name: name, rawBytes: raw))
            i = cursor
        }
        return Result(headers: headers, bodyStart: end)
    }

    /// Index of the CR or LF that ends the line starting at `from` (or `end`).
    @inline(__always)
    static func lineEndIndex(_ b: UnsafeRawBufferPointer, from: Int, end: Int) -> Int {
        guard from < end, let base = b.baseAddress else { return end }
        if let p = memchr(base + from, 0x0A, end - from) {
            let lf = base.distance(to: UnsafeRawPointer(p))
            return lf > from && b[lf - 1] == 0x0D ? lf - 1 : lf
        }
        return end
    }

    @inline(__always)
    static func afterLineBreak(_ b: UnsafeRawBufferPointer, _ lineEnd: Int, _ end: Int) -> Int {
        if lineEnd >= end { return end }
        if b[lineEnd] == 0x0D { return lineEnd + 1 < end && b[lineEnd + 1] == 0x0A ? lineEnd + 2 : lineEnd + 1 }
        return lineEnd + 1
    }

    static func isField(_ b: UnsafeRawBufferPointer, _ from: Int, _ end: Int) -> Bool {
        guard let colon = colonIndex(b, from, end) else { return false }
        return looksLikeFieldName(b, from, colon)
    }

    static func colonIndex(_ b: UnsafeRawBufferPointer, _ from: Int, _ end: Int) -> Int? {
        var j = from
        while j < end {
            if b[j] == UInt8(ascii: ":") { return j }
            j += 1
        }
        return nil
    }

    /// Field names are printable ASCII without blanks (blanks allowed only before the colon).
    static func looksLikeFieldName(_ b: UnsafeRawBufferPointer, _ from: Int, _ colon: Int) -> Bool {
        if colon == from { return false }
        var sawBlank = false
        for j in from..<colon {
            let c = b[j]
            if c == 0x20 || c == 0x09 {
                sawBlank = true
            } else if c <= 0x20 || c >= 0x7F || sawBlank {
                return false
            }
        }
        return true
    }

    /// Whether the name in `from..<end` is `wanted`, ASCII letters compared without case.
    static func namesMatch(_ b: UnsafeRawBufferPointer, _ from: Int, _ end: Int, _ wanted: StaticString) -> Bool {
        let n = wanted.utf8CodeUnitCount
        guard end - from == n else { return false }
        let p = wanted.utf8Start
        for k in 0..<n where b[from + k] != p[k] {
            let x = b[from + k] | 0x20
            guard x == p[k] | 0x20, x >= 0x61, x <= 0x7A else { return false }
        }
        return true
    }

    static func matches(_ b: UnsafeRawBufferPointer, _ at: Int, _ literal: StaticString) -> Bool {
        let n = literal.utf8CodeUnitCount
        if at + n > b.count { return false }
        let p = literal.utf8Start
        for k in 0..<n where b[at + k] != p[k] { return false }
        return true
    }
}
