// The final tidy-up shared by HTML rendering and reply extraction: what a reader
// would not notice (trailing spaces, stacked blank lines, blank edges) is removed so
// that two renderings of the same message compare equal. Works on UTF-8 bytes.
import Foundation

enum PlainTextLayout {
    /// Trims each line's trailing whitespace, keeps at most one blank line in a row and
    /// drops blank lines at both ends. Line endings become "\n".
    static func tidy(_ text: String) -> String {
        var text = text
        // Over the contiguous bytes: splitting a String's UTF-8 view costs far more.
        return text.withUTF8 { bytes -> String in
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count)
            var blankRun = 0
            var lineStart = 0
            while lineStart <= bytes.count {
                var lineEnd = lineStart
                if lineStart < bytes.count, let base = bytes.baseAddress,
                   let found = memchr(base + lineStart, 0x0A, bytes.count - lineStart) {
                    lineEnd = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
                } else {
                    lineEnd = bytes.count
                }
                defer { lineStart = lineEnd + 1 }
                let end = endOfContent(bytes, from: lineStart, to: lineEnd)
                if end == lineStart {
                    blankRun += 1
                    if blankRun > 1 || output.isEmpty { continue }
                } else {
                    blankRun = 0
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[lineStart..<end]))
                output.append(0x0A)
            }
            while output.last == 0x0A { output.removeLast() }
            return String(decoding: output, as: UTF8.self)
        }
    }

    /// Where a line's content ends once trailing ASCII whitespace and no-break spaces
    /// (U+00A0, UTF-8 C2 A0) are dropped.
    private static func endOfContent(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to lineEnd: Int) -> Int {
        var end = lineEnd
        while end > start {
            let byte = bytes[end - 1]
            if byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0C || byte == 0x0B {
                end -= 1
            } else if byte == 0xA0, end - 1 > start, bytes[end - 2] == 0xC2 {
                end -= 2
            } else {
                break
            }
        }
        return end
    }
}
