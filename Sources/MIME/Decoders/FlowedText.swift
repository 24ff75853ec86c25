/// Rejoins format=flowed text (RFC 3676), as sent by Apple Mail and Thunderbird, so that
/// paragraphs read as paragraphs and quote levels stay intact.
enum FlowedText {
    static func unflow(_ text: String, deleteSpace: Bool) -> String {
        var output: [String] = []
        var paragraph = ""
        var paragraphDepth = -1
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = Substring(rawLine)
            var depth = 0
            while line.first == ">" { depth += 1; line = line.dropFirst() }
            // Space-stuffing protects lines starting with ">" or "From " and a leading space.
            if line.first == " " { line = line.dropFirst() }
            let isSignatureSeparator = line == "-- "
            let flowed = line.hasSuffix(" ") && !isSignatureSeparator
            if paragraphDepth >= 0, depth != paragraphDepth {
                output.append(quoted(paragraph, paragraphDepth))
                paragraph = ""
                paragraphDepth = -1
            }
            var content = String(line)
            if flowed, deleteSpace { content.removeLast() }
            paragraph += content
            paragraphDepth = depth
            if !flowed {
                output.append(quoted(paragraph, depth))
                paragraph = ""
                paragraphDepth = -1
            }
        }
        if paragraphDepth >= 0 { output.append(quoted(paragraph, paragraphDepth)) }
        return output.joined(separator: "\n")
    }

    private static func quoted(_ line: String, _ depth: Int) -> String {
        if depth == 0 { return line }
        let marker = String(repeating: ">", count: depth)
        return line.isEmpty ? marker : marker + " " + line
    }
}
