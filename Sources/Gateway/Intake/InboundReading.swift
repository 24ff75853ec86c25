import Foundation
import MIME
import Mediation
import Store

/// What Intake needs to know about one inbound message, read once from the parsed mail.
///
/// Everything here depends on the message alone (and on the gateway's fixed settings),
/// so it is read before the transaction, on another core while the writer posts the
/// messages before it (`IntakeReadAhead`). The writer only looks things up in the store.
struct InboundReading: @unchecked Sendable {
    /// Headers that may carry the tagged address, most trusted first. IMAP loses the
    /// envelope; the delivery agent's `Delivered-To` is the closest thing to it.
    static let targetHeaders = ["Delivered-To", "X-Original-To", "Envelope-To", "To", "Cc", "Received"]

    let message: MailMessage
    let headers: HeaderFields
    /// The first From address, as written.
    let from: String?
    let returnPath: String?
    let subject: String?
    /// The whole text body, as the record keeps it (`MailMessage.text`).
    let text: String?
    /// The new text the person wrote, without quoted history and signature.
    let reply: ReplyText
    /// The commands at the top of the reply.
    let commands: CommandBlock
    let attachments: [MailAttachment]
    /// Every tag addressed to the gateway, in order of trust, without repeats, each with
    /// what its signature says.
    let tags: [(text: String, reading: Result<AddressTag, TagRefusal>)]
    /// The Message-IDs this message answers, most recent first: In-Reply-To, then the last
    /// few References (Discourse looks at five; older ids add nothing but cost).
    let answeredMessageIDs: [String]
    /// Bounce, auto-reply or loop, or nil for mail written by a person.
    let screening: ScreeningVerdict?
    /// Copies looked up in the store, once per message (written by the writer only).
    private let memo = Memo()

    private final class Memo {
        var sentCopies: [String: SentCopy?] = [:]
    }

    init(_ message: MailMessage, addresses: ReplyAddressCodec, screening: Screening) {
        self.message = message
        headers = message.headers.map { (name: $0.name, value: $0.value) }
        from = message.from.first?.address
        returnPath = message.header("Return-Path")
        subject = message.subject
        let body = message.body
        text = body.text
        // The post keeps the reply text and the whole body; what was cut is not stored.
        reply = ReplyExtractor.extract(plain: body.plainText, html: body.html, keepingStripped: false)
        commands = CommandBlock(parsing: reply.text)
        attachments = body.attachments
        tags = Self.tagTexts(in: message, for: addresses.gateway).map { ($0, addresses.read(tagText: $0)) }
        var ids = message.inReplyTo
        for id in message.references.reversed().prefix(5) where !ids.contains(id) { ids.append(id) }
        answeredMessageIDs = ids
        self.screening = screening.screen(headers: headers, returnPath: returnPath, from: from)
    }

    /// Every tag text addressed to the gateway, in order of trust, without repeats.
    static func tagTexts(in message: MailMessage, for gateway: GatewayAddress) -> [String] {
        var seen = Set<String>()
        var found: [String] = []
        for name in targetHeaders {
            // The delivery agent prepends its Delivered-To; any further down came with the
            // message and could be forged, so only the topmost one counts.
            let values = message.headers(named: name)
            for value in name == "Delivered-To" ? Array(values.prefix(1)) : values {
                for tag in gateway.tagTexts(inHeaderValue: value) where seen.insert(tag).inserted {
                    found.append(tag)
                }
            }
        }
        return found
    }

    /// The gateway's copy with this Message-ID, looked up once per message: routing, the
    /// ballot check and the parent post all ask about the same ids. Nothing a message does
    /// creates a copy with an id it answers, so the first answer stays right.
    func sentCopy(messageID: String, in session: StoreSession) throws -> SentCopy? {
        if let known = memo.sentCopies[messageID] { return known }
        let copy = try session.sentCopy(messageID: messageID)
        memo.sentCopies[messageID] = .some(copy)
        return copy
    }
}
