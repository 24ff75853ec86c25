// The lines that clients put where quoted history begins, in the languages the
// parties write in (French and English first; German, Spanish, Italian, Dutch and
// Portuguese because their clients are common in the EU).
//
// Every test here looks at one line or at most a few consecutive lines, by prefix and
// suffix comparison on short strings: there is no regular expression, so nothing can
// backtrack on a long body.

enum HistoryMarkers {
    // MARK: - Attribution lines ("On …, Jean wrote:")

    /// Words that open an attribution line: On, Le, Am, El, Il, Op, Em.
    private static let attributionOpeners = ["on ", "le ", "am ", "el ", "il ", "op ", "em "]

    /// How attribution lines end once " :" is read as ":".
    private static let attributionEndings = [
        "wrote:", "writes:", "a écrit:", "schrieb:", "escribió:", "ha scritto:", "schreef:", "escreveu:",
    ]

    /// German and Dutch put the name after the verb: "Am … schrieb Jean <j@x>:".
    private static let verbsBeforeName = [" schrieb ", " schreef "]

    /// The longest attribution we accept, in UTF-8 bytes: long enough for a wrapped
    /// name, address and date, short enough that a paragraph ending in "wrote:" is not taken.
    private static let attributionMaxLength = 500

    /// If an attribution line starts at `index`, the number of lines it spans (a client
    /// may wrap it over two or three lines).
    ///
    /// A line opening with "On"/"Le"/… and ending with the verb must hold a digit (every
    /// client writes a date or time), or be followed by a `>` line. Any other line ending
    /// with the verb ("Jean Dupont wrote:") counts only when a `>` line follows.
    static func attributionLength(in lines: [MailLine], at index: Int) -> Int? {
        let first = lines[index]
        guard !first.lowered.isEmpty else { return nil }
        let opens = attributionOpeners.contains { first.lowered.utf8.starts(with: $0.utf8) }
        // Cheap gate: a line that neither opens like an attribution nor ends with ":"
        // cannot be one, and most lines of a long body are neither.
        guard opens || first.lowered.utf8.last == UInt8(ascii: ":") else { return nil }
        var joined = ""
        for span in 1...3 {
            let position = index + span - 1
            guard position < lines.count, !lines[position].isBlank, !lines[position].isQuoted,
                !lines[position].lowered.isEmpty
            else { return nil }
            joined += (joined.isEmpty ? "" : " ") + lines[position].lowered
            guard joined.utf8.count <= attributionMaxLength else { return nil }
            if span > 1, !opens { return nil }
            guard joined.utf8.last == UInt8(ascii: ":"), endsLikeAttribution(joined, opens: opens) else { continue }
            if opens, joined.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) { return span }
            return quotedLineFollows(lines, after: position) ? span : nil
        }
        return nil
    }

    private static func endsLikeAttribution(_ lowered: String, opens: Bool) -> Bool {
        var text = lowered
        if text.hasSuffix(" :") { text.removeLast(2); text += ":" }
        guard text.hasSuffix(":") else { return false }
        if attributionEndings.contains(where: { text.hasSuffix($0) }) { return true }
        return opens && verbsBeforeName.contains { text.contains($0) }
    }

    private static func quotedLineFollows(_ lines: [MailLine], after position: Int) -> Bool {
        var next = position + 1
        while next < lines.count, lines[next].isBlank { next += 1 }
        return next < lines.count && lines[next].isQuoted
    }

    // MARK: - Separator lines

    /// "-----Original Message-----" and its translations, with any number of dashes
    /// (Thunderbird and Samsung write "-------- Original message --------").
    static func isOriginalMessageSeparator(_ line: MailLine) -> Bool {
        guard let title = dashedTitle(line) else { return false }
        return originalMessageTitles.contains(title)
    }

    private static let originalMessageTitles: Set<String> = [
        "original message", "message original", "message d'origine", "ursprüngliche nachricht", "originalnachricht",
        "mensaje original", "messaggio originale", "oorspronkelijk bericht", "mensagem original",
    ]

    /// A forwarded-message marker: what follows is the forwarded mail, which is the
    /// content of a forward, not history to strip.
    static func isForwardMarker(_ line: MailLine) -> Bool {
        if let title = dashedTitle(line) { return forwardTitles.contains(title) }
        guard line.lowered.utf8.last == UInt8(ascii: ":") else { return false }
        var lowered = line.lowered
        if lowered.hasSuffix(" :") { lowered.removeLast(2); lowered += ":" }
        return forwardIntroductions.contains(lowered)
    }

    private static let forwardTitles: Set<String> = [
        "forwarded message", "message transféré", "weitergeleitete nachricht", "mensaje reenviado",
        "messaggio inoltrato", "doorgestuurd bericht", "mensagem encaminhada", "e-mail transféré",
    ]

    private static let forwardIntroductions: Set<String> = [
        "begin forwarded message:", "début du message réexpédié:", "début du message transféré:",
        "anfang der weitergeleiteten nachricht:", "inicio del mensaje reenviado:",
        "inizio messaggio inoltrato:", "begin doorgestuurd bericht:", "início da mensagem reencaminhada:",
    ]

    /// The lowercased text between runs of at least three dashes, if the line is framed so.
    private static func dashedTitle(_ line: MailLine) -> String? {
        let text = line.lowered.utf8
        guard text.starts(with: "---".utf8) else { return nil }
        let isFrame: (UInt8) -> Bool = { $0 == UInt8(ascii: "-") || $0 == 0x20 }
        guard let first = text.firstIndex(where: { !isFrame($0) }), let last = text.lastIndex(where: { !isFrame($0) })
        else { return nil }
        return String(decoding: text[first...last], as: UTF8.self)
    }

    /// Outlook's "________________________________" line above its header block.
    static func isUnderscoreRule(_ line: MailLine) -> Bool {
        let text = line.normalized.utf8
        return text.count >= 10 && text.allSatisfy { $0 == UInt8(ascii: "_") }
    }

    // MARK: - Outlook header block ("From: / Sent: / To: / Subject:")

    enum HeaderLabel {
        case from, sent, to, cc, subject
    }

    private static let headerLabels: [String: HeaderLabel] = [
        "from": .from, "de": .from, "von": .from, "van": .from, "da": .from,
        "sent": .sent, "date": .sent, "envoyé": .sent, "gesendet": .sent, "datum": .sent, "enviado": .sent,
        "enviada": .sent, "fecha": .sent, "verzonden": .sent, "inviato": .sent, "data": .sent,
        "to": .to, "à": .to, "a": .to, "an": .to, "aan": .to, "para": .to, "pour": .to,
        "cc": .cc, "cci": .cc, "bcc": .cc,
        "subject": .subject, "objet": .subject, "betreff": .subject, "asunto": .subject,
        "onderwerp": .subject, "oggetto": .subject, "assunto": .subject,
    ]

    /// The header label opening `line`, also in Outlook's bold plain form "*From:* …".
    static func headerLabel(_ line: MailLine) -> HeaderLabel? {
        let text = line.lowered.utf8
        // Labels are short: look for the colon in the first few bytes only.
        guard let colon = text.prefix(20).firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let isDecoration: (UInt8) -> Bool = { $0 == UInt8(ascii: "*") || $0 == 0x20 }
        let name = text[..<colon]
        guard let first = name.firstIndex(where: { !isDecoration($0) }),
            let last = name.lastIndex(where: { !isDecoration($0) })
        else { return nil }
        return headerLabels[String(decoding: name[first...last], as: UTF8.self)]
    }

    /// Whether a header block starts at `index`: a From line followed, within the next
    /// few lines, by a date line and a To or Subject line, as every Outlook writes it.
    static func headerBlockStarts(in lines: [MailLine], at index: Int) -> Bool {
        guard headerLabel(lines[index]) == .from else { return false }
        var sawDate = false
        var sawRecipientOrSubject = false
        var position = index + 1
        while position < lines.count, position <= index + 8, !lines[position].isBlank {
            switch headerLabel(lines[position]) {
            case .sent: sawDate = true
            case .to, .subject: sawRecipientOrSubject = true
            default: break
            }
            if sawDate && sawRecipientOrSubject { return true }
            position += 1
        }
        return false
    }

    /// An underscore rule whose next non-blank line (within two) opens a header block.
    static func underscoreRuleStartsHeaderBlock(in lines: [MailLine], at index: Int) -> Bool {
        guard isUnderscoreRule(lines[index]) else { return false }
        var position = index + 1
        while position < lines.count, position <= index + 3 {
            if !lines[position].isBlank { return headerBlockStarts(in: lines, at: position) }
            position += 1
        }
        return false
    }
}
