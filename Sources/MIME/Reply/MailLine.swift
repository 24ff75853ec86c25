// Line-level reading shared by every quote and signature rule.

/// One line of a text body with the views the rules match against.
struct MailLine {
    let raw: Substring

    init(_ raw: Substring) {
        self.raw = raw.last == "\r" ? raw.dropLast() : raw
    }

    var isBlank: Bool { raw.allSatisfy(\.isWhitespace) }

    /// A `>` line, however indented: the quoting every plain-text client uses.
    var isQuoted: Bool {
        for character in raw {
            if character == ">" { return true }
            if character != " " && character != "\t" { return false }
        }
        return false
    }

    /// The line as rules compare it: non-breaking and narrow spaces (French
    /// typography puts one before ":") and tabs become spaces, runs of spaces become
    /// one, curly apostrophes become straight, both ends trimmed.
    var normalized: String {
        var result = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in raw.unicodeScalars {
            switch scalar {
            case " ", "\t", "\u{00A0}", "\u{202F}", "\u{2007}", "\u{2009}":
                pendingSpace = true
            case "\u{2019}", "\u{2018}":
                appendPending(&result, &pendingSpace)
                result.append("'")
            default:
                appendPending(&result, &pendingSpace)
                result.append(scalar)
            }
        }
        return String(result)
    }

    private func appendPending(_ result: inout String.UnicodeScalarView, _ pendingSpace: inout Bool) {
        if pendingSpace, !result.isEmpty { result.append(" ") }
        pendingSpace = false
    }

    /// Splits a body into lines, accepting "\r\n", "\n" and a lone "\r".
    static func lines(of text: String) -> [MailLine] {
        text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
            .map(MailLine.init)
    }
}
