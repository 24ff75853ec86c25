// Cuts the quoted history that mail clients append to an HTML reply, by structure
// rather than by wording, so that it works whatever the language of the client.
//
// Two kinds of marker:
// - quoting elements, removed with their content and nothing else, so that an answer
//   written between two quotes (Apple Mail, Thunderbird) survives:
//   Gmail `div.gmail_quote`, Apple and Thunderbird `blockquote[type=cite]`,
//   Thunderbird `div.moz-cite-prefix` (the attribution line), Yahoo `div.yahoo_quoted`;
// - history separators, removed with everything after them, because Outlook puts the
//   history after a header block without any enclosing element: `div#divRplyFwdMsg`
//   and `div#appendonsend` (Outlook on the web and mobile), the
//   `border-top:solid #E1E1E1` (or `#B5C4DF`) separator div of Outlook desktop,
//   `#mail-editor-reference-message-container` (new Outlook), Outlook for Mac's
//   `OLK_SRC_BODY_SECTION`.
// Matching end tags are found by counting same-name nesting only, which survives the
// unbalanced markup of real mail in one pass.

/// An HTML body split into what the sender wrote and the quoted history a client added.
public struct HTMLQuoteCut: Sendable, Equatable {
    /// The HTML left once quoted elements are removed (possibly with unclosed tags).
    public var reply: String
    /// The removed HTML fragments, in source order; empty when no quote was found.
    public var removed: [String]

    public var foundQuote: Bool { !removed.isEmpty }
}

/// Finds and removes quoted history in HTML mail; see the file header for the markers.
public enum HTMLQuoteCutter {
    public static func cut(html: String) -> HTMLQuoteCut {
        cut(html: html, placeholder: nil)
    }

    /// Cuts as `cut(html:)` and leaves `placeholder` where each quoting element was, so
    /// that the reply extractor can still tell an answer between two quotes from a
    /// trailing history.
    static func cut(html: String, placeholder: String?) -> HTMLQuoteCut {
        let placeholderBytes = Array((placeholder ?? "").utf8)
        var scanner = HTMLScanner(html)
        let bytes = scanner.bytes
        var kept: [UInt8] = []
        var removed: [String] = []
        var keptFrom = 0
        var open: (name: String, start: Int, depth: Int)?

        while let token = scanner.next() {
            if let element = open {
                switch token {
                case .startTag(let tag, _) where tag.name == element.name && !tag.isVoid:
                    open = (element.name, element.start, element.depth + 1)
                case .endTag(let name, let range) where name == element.name:
                    if element.depth > 1 {
                        open = (element.name, element.start, element.depth - 1)
                    } else {
                        removed.append(String(decoding: bytes[element.start..<range.upperBound], as: UTF8.self))
                        kept.append(contentsOf: placeholderBytes)
                        keptFrom = range.upperBound
                        open = nil
                    }
                default:
                    break
                }
                continue
            }
            guard case .startTag(let tag, let range) = token, let extent = extent(of: tag) else { continue }
            kept.append(contentsOf: bytes[keptFrom..<range.lowerBound])
            switch extent {
            case .element where !tag.isVoid:
                open = (tag.name, range.lowerBound, 1)
            case .element:
                removed.append(String(decoding: bytes[range], as: UTF8.self))
                kept.append(contentsOf: placeholderBytes)
                keptFrom = range.upperBound
            case .restOfMessage:
                removed.append(String(decoding: bytes[range.lowerBound...], as: UTF8.self))
                keptFrom = bytes.count
                return HTMLQuoteCut(reply: String(decoding: kept, as: UTF8.self), removed: removed)
            }
        }
        if let element = open {
            // An unclosed quote runs to the end of the message, as a browser would show it.
            removed.append(String(decoding: bytes[element.start...], as: UTF8.self))
            kept.append(contentsOf: placeholderBytes)
        } else {
            kept.append(contentsOf: bytes[keptFrom...])
        }
        return HTMLQuoteCut(reply: String(decoding: kept, as: UTF8.self), removed: removed)
    }

    private enum Extent {
        case element
        case restOfMessage
    }

    private static func extent(of tag: HTMLStartTag) -> Extent? {
        let id = tag.attribute("id")?.lowercased() ?? ""
        if ["divrplyfwdmsg", "appendonsend", "mail-editor-reference-message-container", "olk_src_body_section"]
            .contains(id) || tag.hasClass("mail-editor-reference-message-container")
        {
            return .restOfMessage
        }
        if tag.name == "div" || tag.name == "p", let style = tag.attribute("style"), isOutlookSeparator(style) {
            return .restOfMessage
        }
        if tag.hasClass("gmail_quote") || tag.hasClass("gmail_quote_container") || tag.hasClass("moz-cite-prefix")
            || tag.hasClass("yahoo_quoted") || id.hasPrefix("yahoo_quoted")
        {
            return .element
        }
        if tag.name == "blockquote", tag.attribute("type")?.lowercased() == "cite" {
            return .element
        }
        return nil
    }

    /// Outlook desktop's "From:" header block sits in a div with a thin top border in
    /// one of two colours (Office 2013+ and Office 2007/2010, Outlook for Mac).
    private static func isOutlookSeparator(_ style: String) -> Bool {
        let compact = String(style.lowercased().unicodeScalars.filter { $0 != " " && $0 != "\t" && $0 != "\n" && $0 != "\r" })
        return compact.contains("border-top:") && (compact.contains("#e1e1e1") || compact.contains("#b5c4df"))
    }
}
