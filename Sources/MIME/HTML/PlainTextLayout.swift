// The final tidy-up shared by HTML rendering and reply extraction: what a reader
// would not notice (trailing spaces, stacked blank lines, blank edges) is removed so
// that two renderings of the same message compare equal. Works on UTF-8 bytes.

enum PlainTextLayout {
    /// Trims each line's trailing whitespace, keeps at most one blank line in a row and
    /// drops blank lines at both ends. Line endings become "\n".
    static func tidy(_ text: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        var blankRun = 0
        for line in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
            let end = endOfContent(line)
            if end == line.startIndex {
                blankRun += 1
                if blankRun > 1 || output.isEmpty { continue }
            } else {
                blankRun = 0
            }
            output.append(contentsOf: line[line.startIndex..<end])
            output.append(0x0A)
        }
        while output.last == 0x0A { output.removeLast() }
        return String(decoding: output, as: UTF8.self)
    }

    /// Where a line's content ends once trailing ASCII whitespace and no-break spaces
    /// (U+00A0, UTF-8 C2 A0) are dropped.
    private static func endOfContent(_ line: Substring.UTF8View) -> String.Index {
        var end = line.endIndex
        while end > line.startIndex {
            let before = line.index(before: end)
            let byte = line[before]
            if byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0C || byte == 0x0B {
                end = before
            } else if byte == 0xA0, before > line.startIndex, line[line.index(before: before)] == 0xC2 {
                end = line.index(before: before)
            } else {
                break
            }
        }
        return end
    }
}
