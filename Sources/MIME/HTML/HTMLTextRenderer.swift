// Renders scanner tokens as text the way a reader would see the page.
//
// Whitespace is collapsed like a browser: runs of spaces and newlines in the source
// become one space, and line breaks come only from elements (blocks, `<br>`, list items,
// table rows). Breaks are requested, not written, so that nested blocks (`<div><div><p>`)
// yield one break rather than three, and breaks before the first word are dropped.
// `<blockquote>` content is prefixed with "> " per level, as mail clients do when they
// turn HTML into plain text, so the reply extractor sees quotes in converted text too.

struct HTMLTextRenderer {
    /// UTF-8 output: the renderer works on bytes end to end, which keeps a 3 MB body
    /// well under a second.
    private var output: [UInt8] = []
    private var decoded: [UInt8] = []
    private var pendingBreaks = 0
    private var pendingSpace = false
    private var atLineStart = true
    private var pendingListMarker: String?
    private var quoteDepth = 0
    /// Quote levels shown as "> " per line, at most: a long chain nests blockquotes
    /// hundreds deep, and writing every level on every line would grow the text with the
    /// square of the chain.
    static let maxShownQuoteDepth = 8
    /// The quote depth of the last written line: blank lines inside a quote are
    /// written as ">" lines, as clients do, at the depth both neighbours share.
    private var lastLineQuoteDepth = 0
    private var preDepth = 0
    private var listDepth = 0
    private var inHead = false
    /// Whether the open paragraph is Word's (`MsoNormal`, `MsoListParagraph`…), which
    /// has no margins: a blank line after each one would double-space Outlook mail.
    private var inWordParagraph = false
    /// An element being hidden (`display:none`), with the nesting count of its name.
    private var hidden: (name: String, depth: Int)?
    private var link: (href: String, text: [UInt8])?

    /// Elements that start and end on their own line.
    static let blockElements: Set<String> = [
        "address", "article", "aside", "blockquote", "center", "dd", "details", "dialog", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
        "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "thead",
        "tfoot", "tr", "ul", "caption", "body", "html",
    ]

    /// Elements browsers give a vertical margin, hence a blank line around them.
    static let paragraphElements: Set<String> = [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "table", "dl", "blockquote",
    ]

    static func render(_ html: String) -> String {
        var renderer = HTMLTextRenderer()
        var scanner = HTMLScanner(html)
        while let token = scanner.next() {
            renderer.consume(token, in: scanner.bytes)
        }
        return PlainTextLayout.tidy(String(decoding: renderer.output, as: UTF8.self))
    }

    mutating func consume(_ token: HTMLToken, in bytes: [UInt8]) {
        if let hiddenElement = hidden {
            trackHidden(token, hiddenElement)
            return
        }
        switch token {
        case .text(let range):
            guard !inHead else { return }
            decoded.removeAll(keepingCapacity: true)
            HTMLEntities.decode(bytes[range], into: &decoded)
            writeText(decoded)
        case .startTag(let tag, _):
            open(tag)
        case .endTag(let name, _):
            close(name)
        case .rawText, .markup:
            break
        }
    }

    // MARK: - Elements

    private mutating func open(_ tag: HTMLStartTag) {
        if !tag.isVoid, let style = tag.attribute("style"), Self.hides(style) {
            hidden = (tag.name, 1)
            return
        }
        switch tag.name {
        case "head":
            inHead = true
        case "body":
            inHead = false
            requestBreaks(1)
        case "br":
            pendingBreaks += 1
            pendingSpace = false
        case "li":
            requestBreaks(1)
            pendingListMarker = String(repeating: "  ", count: max(0, listDepth - 1)) + "- "
        case "ul", "ol":
            requestBreaks(listDepth == 0 ? 2 : 1)
            listDepth += 1
        case "blockquote":
            requestBreaks(2)
            quoteDepth += 1
        case "pre":
            requestBreaks(2)
            preDepth += 1
        case "td", "th":
            pendingSpace = true
        case "a":
            if let href = tag.attribute("href") { link = (href, []) }
        case "p":
            inWordParagraph = (tag.attribute("class") ?? "").lowercased().hasPrefix("mso")
            requestBreaks(inWordParagraph ? 1 : 2)
        default:
            if Self.paragraphElements.contains(tag.name) {
                requestBreaks(2)
            } else if Self.blockElements.contains(tag.name) {
                requestBreaks(1)
            }
        }
    }

    private mutating func close(_ name: String) {
        switch name {
        case "head":
            inHead = false
        case "ul", "ol":
            listDepth = max(0, listDepth - 1)
            requestBreaks(listDepth == 0 ? 2 : 1)
        case "blockquote":
            quoteDepth = max(0, quoteDepth - 1)
            requestBreaks(2)
        case "pre":
            preDepth = max(0, preDepth - 1)
            requestBreaks(2)
        case "td", "th":
            pendingSpace = true
        case "a":
            closeLink()
        case "p":
            requestBreaks(inWordParagraph ? 1 : 2)
            inWordParagraph = false
        default:
            if Self.paragraphElements.contains(name) {
                requestBreaks(2)
            } else if Self.blockElements.contains(name) {
                requestBreaks(1)
            }
        }
    }

    private mutating func trackHidden(_ token: HTMLToken, _ element: (name: String, depth: Int)) {
        switch token {
        case .startTag(let tag, _) where tag.name == element.name && !tag.isVoid:
            hidden = (element.name, element.depth + 1)
        case .endTag(let name, _) where name == element.name:
            hidden = element.depth > 1 ? (element.name, element.depth - 1) : nil
        default:
            break
        }
    }

    private static func hides(_ style: String) -> Bool {
        let compact = String(style.lowercased().unicodeScalars.filter { $0 != " " && $0 != "\t" })
        return compact.contains("display:none") || compact.contains("mso-hide:all")
    }

    private mutating func closeLink() {
        guard let (href, textBytes) = link else { return }
        link = nil
        let text = Self.trimmed(String(decoding: textBytes, as: UTF8.self))
        guard let url = Self.shownURL(href), !text.isEmpty, !Self.sameTarget(text, url) else { return }
        for byte in " <\(url)>".utf8 { writeVisible(byte) }
    }

    /// The address worth showing after a link's text, or nil for in-page, script and
    /// inline-image links. A `mailto:` link shows the bare address.
    private static func shownURL(_ href: String) -> String? {
        let url = trimmed(href)
        let lower = url.lowercased()
        if url.isEmpty || lower.hasPrefix("#") || lower.hasPrefix("javascript:") || lower.hasPrefix("cid:") {
            return nil
        }
        if lower.hasPrefix("mailto:") {
            let address = url.dropFirst("mailto:".count).prefix { $0 != "?" }
            return address.isEmpty ? nil : String(address)
        }
        return url
    }

    private static func sameTarget(_ text: String, _ url: String) -> Bool {
        func bare(_ value: String) -> String {
            var value = value.lowercased()
            for scheme in ["mailto:", "https://", "http://"] where value.hasPrefix(scheme) {
                value.removeFirst(scheme.count)
            }
            while value.hasSuffix("/") { value.removeLast() }
            return value
        }
        return bare(text) == bare(url)
    }

    // MARK: - Writing

    private mutating func requestBreaks(_ count: Int) {
        pendingBreaks = max(pendingBreaks, count)
        pendingSpace = false
    }

    /// Writes decoded UTF-8 text. Whitespace is recognised byte-wise: ASCII spaces
    /// collapse, U+00A0 is kept as a plain space, invisible U+00AD, U+200B and U+FEFF go;
    /// any other byte is visible (multi-byte characters pass through intact).
    private mutating func writeText(_ bytes: [UInt8]) {
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte < 0x80 {
                if preDepth > 0 {
                    // Preformatted text keeps its spaces and line breaks.
                    if byte == 0x0A {
                        pendingBreaks += 1
                    } else if byte != 0x0D {
                        writeVisible(byte)
                    }
                } else if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C {
                    pendingSpace = true
                } else {
                    writeVisible(byte)
                }
                index += 1
            } else if byte == 0xC2, index + 1 < count, bytes[index + 1] == 0xA0 {
                writeVisible(0x20)
                index += 2
            } else if byte == 0xC2, index + 1 < count, bytes[index + 1] == 0xAD {
                index += 2
            } else if byte == 0xE2, index + 2 < count, bytes[index + 1] == 0x80, bytes[index + 2] == 0x8B {
                index += 3
            } else if byte == 0xEF, index + 2 < count, bytes[index + 1] == 0xBB, bytes[index + 2] == 0xBF {
                index += 3
            } else {
                writeVisible(byte)
                index += 1
            }
        }
    }

    private mutating func writeVisible(_ byte: UInt8) {
        if !output.isEmpty {
            if pendingBreaks > 0 {
                output.append(0x0A)
                let sharedDepth = Swift.min(quoteDepth, lastLineQuoteDepth, Self.maxShownQuoteDepth)
                for _ in 1..<pendingBreaks {
                    for _ in 0..<sharedDepth { output.append(contentsOf: Self.quotePrefix) }
                    output.append(0x0A)
                }
                atLineStart = true
            } else if pendingSpace, !atLineStart {
                append(0x20)
            }
        }
        pendingBreaks = 0
        pendingSpace = false
        if atLineStart {
            for _ in 0..<Swift.min(quoteDepth, Self.maxShownQuoteDepth) { output.append(contentsOf: Self.quotePrefix) }
            lastLineQuoteDepth = quoteDepth
            atLineStart = false
        }
        if let marker = pendingListMarker {
            pendingListMarker = nil
            for markerByte in marker.utf8 { append(markerByte) }
        }
        append(byte)
    }

    private static let quotePrefix: [UInt8] = Array("> ".utf8)

    private mutating func append(_ byte: UInt8) {
        output.append(byte)
        link?.text.append(byte)
    }

    /// Trims spaces and line breaks at both ends, without a trip through Foundation.
    private static func trimmed(_ text: String) -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        let start = text.firstIndex { !isSpace($0) } ?? text.endIndex
        let end = text.lastIndex { !isSpace($0) }.map { text.index(after: $0) } ?? start
        return start < end ? String(text[start..<end]) : ""
    }
}
