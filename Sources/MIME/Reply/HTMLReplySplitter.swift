// Reply extraction guided by HTML structure, for replies whose plain part is missing
// or has lost its quote markers.
//
// Quoting elements are cut first (see `HTMLQuoteCutter`), each replaced by a one-line
// quote placeholder; the rest is rendered to text and goes through the plain-text
// rules, which remove what structure leaves behind: Apple Mail's attribution line
// above its `blockquote`, signatures, mobile footers, and the placeholders themselves
// (a placeholder followed by an answer marks an interleaved reply, as `>` lines do).

enum HTMLReplySplitter {
    /// A quote line no real message contains (a private-use character).
    private static let placeholderText = "\u{E000}"
    private static let placeholderHTML = "<blockquote>\(placeholderText)</blockquote>"

    /// The split, and the whole body as text for the full-text fallback.
    static func split(_ html: String) -> (split: PlainReplySplitter.Split, fullText: String) {
        let fullText = HTMLText.plainText(fromHTML: html)
        let whole = PlainReplySplitter.split(fullText)
        // A forward's structure (Gmail wraps it in gmail_quote, Apple in a cite
        // blockquote) must not be cut: the forwarded mail is the content.
        if whole.isForward { return (whole, fullText) }
        let cut = HTMLQuoteCutter.cut(html: html, placeholder: placeholderHTML)
        guard cut.foundQuote else { return (whole, fullText) }

        var split = PlainReplySplitter.split(HTMLText.plainText(fromHTML: cut.reply))
        split.foundQuote = true
        let strippedInText = split.stripped.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.contains(placeholderText) }
            .joined(separator: "\n")
        let removedElements = cut.removed.map { HTMLText.plainText(fromHTML: $0) }
        split.stripped = PlainTextLayout.tidy(
            ([strippedInText] + removedElements).filter { !$0.isEmpty }.joined(separator: "\n\n"))
        return (split, fullText)
    }
}
