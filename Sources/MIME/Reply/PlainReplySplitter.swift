// Splits a plain-text reply into what the person wrote and what the client appended.
//
// One pass from the top, line by line:
// - `>` lines are quotes: always removed, wherever they are;
// - the first history marker (attribution line, "-----Original Message-----", an
//   Outlook header block, optionally under its "____" rule) cuts everything from it to
//   the end, unless the attribution introduces an interleaved reply: then only the
//   attribution and the `>` lines go, and the answers between them stay;
// - a forwarded-message marker met before any history marker ends the scan: what
//   follows is the forwarded mail, and for a forward that is the content;
// - in the part the person wrote, trailing mobile footers and everything from the
//   last "-- " delimiter are removed as signature.
// Each line is looked at a bounded number of times, so the cost is linear in the body.

/// The plain-text reply rules; `ReplyExtractor` decides which body they run on.
struct PlainReplySplitter {
    /// The result before the full-text fallback is applied.
    struct Split {
        var text: String
        var stripped: String
        /// Whether quoted history or quoted lines were found (a signature alone is not).
        var foundQuote: Bool
        /// Whether a forwarded-message marker came before any history.
        var isForward: Bool
    }

    /// `keepingStripped: false` leaves `stripped` empty.
    static func split(_ body: String, keepingStripped: Bool = true) -> Split {
        let lines = MailLine.lines(of: body)
        var keep = [Bool](repeating: true, count: lines.count)
        var foundQuote = false
        var isForward = false
        // Where the part the person wrote ends: history start, forward marker or end.
        var noteEnd = lines.count

        var index = 0
        scan: while index < lines.count {
            let line = lines[index]
            if line.isBlank {
                index += 1
                continue
            }
            if line.isQuoted {
                keep[index] = false
                foundQuote = true
                index += 1
                continue
            }
            if line.raw.utf8.count > MailLine.maxMarkerLength {
                // No client writes a marker this long: a paragraph without line breaks.
                index += 1
                continue
            }
            if HistoryMarkers.isForwardMarker(line) {
                isForward = true
                noteEnd = index
                break scan
            }
            if HistoryMarkers.isOriginalMessageSeparator(line)
                || HistoryMarkers.underscoreRuleStartsHeaderBlock(in: lines, at: index)
                || HistoryMarkers.headerBlockStarts(in: lines, at: index)
            {
                noteEnd = index
                break scan
            }
            if let span = HistoryMarkers.attributionLength(in: lines, at: index) {
                foundQuote = true
                guard isInterleaved(lines, after: index + span) else {
                    noteEnd = index
                    break scan
                }
                for position in index..<(index + span) { keep[position] = false }
                index += span
                continue
            }
            index += 1
        }
        if noteEnd < lines.count, !isForward {
            foundQuote = true
            for position in noteEnd..<lines.count { keep[position] = false }
        }
        removeSignature(lines, &keep, before: noteEnd)
        return Split(
            text: join(lines, where: { keep[$0] }),
            stripped: keepingStripped ? join(lines, where: { !keep[$0] }) : "",
            foundQuote: foundQuote,
            isForward: isForward
        )
    }

    /// An attribution introduces interleaving when a `>` block follows it and then a
    /// line the person wrote, rather than the end, a signature or more history.
    private static func isInterleaved(_ lines: [MailLine], after start: Int) -> Bool {
        var position = start
        while position < lines.count, lines[position].isBlank { position += 1 }
        guard position < lines.count, lines[position].isQuoted else { return false }
        while position < lines.count, lines[position].isBlank || lines[position].isQuoted { position += 1 }
        guard position < lines.count else { return false }
        let line = lines[position]
        return !(SignatureMarkers.isDelimiter(line) || SignatureMarkers.isMobileFooter(line)
            || HistoryMarkers.isOriginalMessageSeparator(line) || HistoryMarkers.isForwardMarker(line)
            || HistoryMarkers.isUnderscoreRule(line) || HistoryMarkers.headerBlockStarts(in: lines, at: position)
            || HistoryMarkers.attributionLength(in: lines, at: position) != nil)
    }

    /// Removes mobile footers at the end of the kept lines before `end`, then the
    /// signature from the last delimiter, then footers again (a footer can sit either
    /// above or below a signature).
    private static func removeSignature(_ lines: [MailLine], _ keep: inout [Bool], before end: Int) {
        removeTrailingFooters(lines, &keep, before: end)
        var position = end - 1
        while position >= 0 {
            if keep[position], SignatureMarkers.isDelimiter(lines[position]) {
                for removed in position..<end { keep[removed] = false }
                break
            }
            position -= 1
        }
        removeTrailingFooters(lines, &keep, before: end)
    }

    private static func removeTrailingFooters(_ lines: [MailLine], _ keep: inout [Bool], before end: Int) {
        var position = end - 1
        while position >= 0 {
            if !keep[position] || lines[position].isBlank {
                position -= 1
                continue
            }
            guard SignatureMarkers.isMobileFooter(lines[position]) else { return }
            keep[position] = false
            position -= 1
        }
    }

    /// Joins the selected lines; where unselected lines sat between selected ones, a
    /// blank line stands in, so that answers around a removed quote stay paragraphs.
    private static func join(_ lines: [MailLine], where selected: (Int) -> Bool) -> String {
        var output = ""
        var skipped = false
        for (position, line) in lines.enumerated() {
            guard selected(position) else {
                skipped = true
                continue
            }
            if skipped, !output.isEmpty { output += "\n" }
            skipped = false
            output += line.raw
            output += "\n"
        }
        return PlainTextLayout.tidy(output)
    }
}
