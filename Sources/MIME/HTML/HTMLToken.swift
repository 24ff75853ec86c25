// One lexical unit of an HTML document, with the byte range it came from so that
// callers can cut the original source (the quote cutter keeps what it removes).

/// A start tag as the scanner saw it: lowercased name, attributes in source order.
struct HTMLStartTag: Sendable, Equatable {
    var name: String
    var attributes: [(name: String, value: String)]
    var selfClosing: Bool

    /// The value of the first attribute called `name` (already lowercased), entity-decoded.
    func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }

    /// Whether the whitespace-separated `class` attribute holds `token`.
    func hasClass(_ token: String) -> Bool {
        guard let classes = attribute("class") else { return false }
        return classes.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
            .contains { $0.lowercased() == token }
    }

    /// Elements that never have content or an end tag, so they never open nesting.
    var isVoid: Bool { selfClosing || HTMLStartTag.voidElements.contains(name) }

    static let voidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "param", "source", "track", "wbr",
    ]

    static func == (lhs: HTMLStartTag, rhs: HTMLStartTag) -> Bool {
        lhs.name == rhs.name && lhs.selfClosing == rhs.selfClosing
            && lhs.attributes.map(\.name) == rhs.attributes.map(\.name)
            && lhs.attributes.map(\.value) == rhs.attributes.map(\.value)
    }
}

/// What the scanner found at one position of the source.
enum HTMLToken: Sendable, Equatable {
    /// Character data, entities still encoded (decode with `HTMLEntities`).
    case text(Range<Int>)
    case startTag(HTMLStartTag, Range<Int>)
    case endTag(String, Range<Int>)
    /// The content of a script, style, title, textarea or similar element: never shown.
    case rawText(Range<Int>)
    /// Comments, doctypes, processing instructions, CDATA: never shown.
    case markup(Range<Int>)

    var range: Range<Int> {
        switch self {
        case .text(let r), .rawText(let r), .markup(let r): r
        case .startTag(_, let r), .endTag(_, let r): r
        }
    }
}
