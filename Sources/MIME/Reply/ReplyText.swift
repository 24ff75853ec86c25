// The outcome of reply extraction, as the gateway stores it.

/// What a person wrote in a reply, separated from what their client appended.
///
/// `text` is what gets posted and relayed; `stripped` is everything removed (quoted
/// history, quoted lines between answers, signature, mobile footers), kept so that an
/// operator can see what was cut. When stripping would leave nothing, `text` is the
/// whole body, `stripped` is empty and `keptFullText` is true: over-stripping a reply
/// is worse than relaying a quote.
public struct ReplyText: Sendable, Equatable {
    public var text: String
    public var stripped: String
    public var keptFullText: Bool

    public init(text: String, stripped: String, keptFullText: Bool) {
        self.text = text
        self.stripped = stripped
        self.keptFullText = keptFullText
    }
}
