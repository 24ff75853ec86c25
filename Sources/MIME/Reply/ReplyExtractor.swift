// Chooses which body of a reply to read and applies the quote and signature rules.

/// Extracts the new text of a reply: quoted history, quoted lines, signature and
/// mobile footers are removed and returned separately.
///
/// Which body is read:
/// - the plain part when present and not blank, because every major client writes
///   quote markers into it (`>` lines, attribution lines, Outlook's header block);
/// - the HTML part when the plain part is absent or blank, or when the plain part
///   shows no quote at all while the HTML holds a quoting element: that plain part is
///   a conversion that lost the structure (some webmails and phone clients flatten the
///   quoted history into unmarked text), and the HTML structure is the better guide.
///
/// Rules worth knowing:
/// - interleaved replies keep every answer; the quoted lines between them are removed
///   without a marker (answers stay separate paragraphs), so nothing quoted is posted;
/// - a forwarded-message marker ("---------- Forwarded message ---------", "Begin
///   forwarded message:", "Début du message réexpédié :"…) that comes before any quoted
///   history keeps the forwarded mail in `text`: in a forward it is the content.
///   Outlook marks a forward only in its subject ("FW:", "TR:"), its body looking like
///   a reply's history; a caller that knows it holds a forward should post the full
///   body rather than call this;
/// - when nothing would be left, the whole body is kept (`keptFullText`).
/// Text is never interpreted: commands in quoted history are simply removed with it.
public enum ReplyExtractor {
    /// - Parameter keepingStripped: false when the caller needs only `text`: for a plain
    ///   body, what was cut (most of the body, in a long thread) is then not put together
    ///   again, and `stripped` is empty. `text` and `keptFullText` are the same either way.
    public static func extract(plain: String?, html: String?, keepingStripped: Bool = true) -> ReplyText {
        let plainBody = plain.flatMap { isBlank($0) ? nil : $0 }
        let htmlBody = html.flatMap { isBlank($0) ? nil : $0 }
        if let plainBody {
            let split = PlainReplySplitter.split(plainBody, keepingStripped: keepingStripped)
            if split.foundQuote || split.isForward || htmlBody == nil {
                return finish(split, fullText: plainBody)
            }
            if let htmlBody {
                let fromHTML = HTMLReplySplitter.split(htmlBody)
                if fromHTML.split.foundQuote { return finish(fromHTML.split, fullText: fromHTML.fullText) }
            }
            return finish(split, fullText: plainBody)
        }
        if let htmlBody {
            let fromHTML = HTMLReplySplitter.split(htmlBody)
            return finish(fromHTML.split, fullText: fromHTML.fullText)
        }
        return ReplyText(text: "", stripped: "", keptFullText: true)
    }

    private static func finish(_ split: PlainReplySplitter.Split, fullText: String) -> ReplyText {
        if isBlank(split.text) {
            return ReplyText(text: PlainTextLayout.tidy(fullText), stripped: "", keptFullText: true)
        }
        return ReplyText(text: split.text, stripped: split.stripped, keptFullText: false)
    }

    private static func isBlank(_ text: String) -> Bool {
        text.allSatisfy { $0.isWhitespace }
    }
}
