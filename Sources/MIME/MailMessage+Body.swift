import Foundation

/// The body views: the text to show, the HTML, and the attachments.
///
/// Which parts are "the body" follows what mail clients display: in
/// multipart/alternative the plain text is preferred for `text` and the HTML for
/// `html`; in multipart/related only the root part is body; in multipart/mixed every
/// inline text part in order is body (Apple Mail splits text around inline images);
/// signed mail shows its first part. Everything else that is a leaf is an attachment,
/// attached messages included (their own text is not the outer message's text).
extension MailMessage {
    /// The plain text to show: text/plain parts, or the HTML converted to text when the
    /// message has only HTML. Nil when the message has no text body at all.
    public var text: String? {
        let body = BodySelection(root)
        return body.shownText(plain: body.plainText, html: body.htmlText)
    }

    /// The plain text parts only (no conversion from HTML).
    public var plainText: String? { BodySelection(root).plainText }

    /// The HTML body, decoded, or nil.
    public var html: String? { BodySelection(root).htmlText }

    /// Attachments and inline images, in tree order.
    public var attachments: [MailAttachment] { BodySelection(root).attachments }

    /// `text`, `plainText`, `html` and `attachments` from one walk of the tree, each part
    /// decoded once: for a reader that needs them all.
    public var body: Body {
        let selection = BodySelection(root)
        let plain = selection.plainText
        let html = selection.htmlText
        return Body(text: selection.shownText(plain: plain, html: html), plainText: plain, html: html,
                    attachments: selection.attachments)
    }

    public struct Body: Sendable {
        public var text: String?
        public var plainText: String?
        public var html: String?
        public var attachments: [MailAttachment]
    }
}

struct BodySelection {
    var plain: [MIMEPart] = []
    var html: [MIMEPart] = []
    var attachments: [MailAttachment] = []

    var plainText: String? { plain.isEmpty ? nil : plain.compactMap(\.text).joined(separator: "\n") }
    /// Decoded only when asked for: `shownText` takes it as an autoclosure.
    var htmlText: String? { html.isEmpty ? nil : html.compactMap(\.text).joined(separator: "\n") }

    /// What `MailMessage.text` shows, from the plain and HTML texts of this selection.
    func shownText(plain: String?, html: @autoclosure () -> String?) -> String? {
        // Some mailers send an empty text/plain beside the real HTML body.
        if let plain, self.html.isEmpty || plain.contains(where: { !$0.isWhitespace }) { return plain }
        return html().map(HTMLText.plainText(fromHTML:))
    }

    init(_ root: MIMEPart) {
        visit(root, inRelated: false)
    }

    static func isAttachment(_ part: MIMEPart) -> Bool {
        if part.disposition == "attachment" { return true }
        // A named part is a file someone attached; only a named text part explicitly
        // marked inline is shown as body (Apple Mail does that with .txt files).
        guard part.filename != nil else { return false }
        return !(part.disposition == "inline" && part.mediaType == "text")
    }

    mutating func visit(_ part: MIMEPart, inRelated: Bool) {
        if part.isMultipart {
            if part.children.isEmpty {
                // A multipart whose boundary was lost: its body is all we have.
                plain.append(part.asPlainText())
                return
            }
            switch part.contentType {
            case "multipart/alternative":
                var alternatives: [BodySelection] = part.children.map { child in
                    var s = BodySelection(empty: ())
                    s.visit(child, inRelated: inRelated)
                    return s
                }
                // Plain from the first alternative that has it, HTML from the last.
                if let p = alternatives.first(where: { !$0.plain.isEmpty }) { plain += p.plain }
                if let h = alternatives.last(where: { !$0.html.isEmpty }) { html += h.html }
                // Attachments inside alternatives (calendar invites, images) still count.
                for index in alternatives.indices { attachments += alternatives[index].attachments }
                alternatives.removeAll()
            case "multipart/related":
                let startID = part.contentTypeParameters["start"].flatMap { MessageIDList.parse($0).first }
                let rootIndex = startID.flatMap { id in part.children.firstIndex { $0.contentID == id } } ?? 0
                for (index, child) in part.children.enumerated() {
                    if index == rootIndex {
                        visit(child, inRelated: true)
                    } else if child.isMultipart {
                        visit(child, inRelated: true)
                    } else {
                        attachments.append(MailAttachment(part: child, isInline: child.disposition != "attachment"))
                    }
                }
            case "multipart/signed", "multipart/encrypted":
                if let first = part.children.first { visit(first, inRelated: inRelated) }
                for child in part.children.dropFirst() where !child.isMultipart {
                    attachments.append(MailAttachment(part: child, isInline: false))
                }
            default:
                for child in part.children { visit(child, inRelated: inRelated) }
            }
            return
        }
        if part.isMessage {
            attachments.append(MailAttachment(part: part, isInline: false))
            return
        }
        if !BodySelection.isAttachment(part) {
            if part.contentType == "text/plain" {
                plain.append(part)
                return
            }
            if part.contentType == "text/html" {
                html.append(part)
                return
            }
        }
        let inline = part.disposition == "inline" || (part.disposition == nil && inRelated && part.contentID != nil)
        attachments.append(MailAttachment(part: part, isInline: inline))
    }

    init(empty: Void) {}
}

extension MIMEPart {
    /// This part's body read as text/plain (for multiparts whose structure is lost).
    func asPlainText() -> MIMEPart {
        var copy = self
        copy.contentType = "text/plain"
        copy.children = []
        return copy
    }
}
