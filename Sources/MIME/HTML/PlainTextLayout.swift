// The final tidy-up shared by HTML rendering and reply extraction: what a reader
// would not notice (trailing spaces, stacked blank lines, blank edges) is removed so
// that two renderings of the same message compare equal.

enum PlainTextLayout {
    /// Trims each line's trailing whitespace, keeps at most one blank line in a row and
    /// drops blank lines at both ends. Line endings become "\n".
    static func tidy(_ text: String) -> String {
        var lines: [Substring] = []
        var blankRun = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = trimmingTrailingWhitespace(rawLine)
            if line.isEmpty {
                blankRun += 1
                if blankRun > 1 || lines.isEmpty { continue }
            } else {
                blankRun = 0
            }
            lines.append(line)
        }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    static func trimmingTrailingWhitespace(_ line: Substring) -> Substring {
        var end = line.endIndex
        while end > line.startIndex {
            let before = line.index(before: end)
            let character = line[before]
            guard character.isWhitespace else { break }
            end = before
        }
        return line[line.startIndex..<end]
    }
}
