import Foundation
import MIME
import Mediation
import Store

/// What Intake needs to know about one inbound message, read once from the parsed mail.
struct InboundReading {
    /// Headers that may carry the tagged address, most trusted first. IMAP loses the
    /// envelope; the delivery agent's `Delivered-To` is the closest thing to it.
    static let targetHeaders = ["Delivered-To", "X-Original-To", "Envelope-To", "To", "Cc", "Received"]

    let message: MailMessage
    let headers: HeaderFields
    /// The first From address, as written.
    let from: String?
    let returnPath: String?
    /// What is worked out at most once per message, however many steps ask for it.
    private let memo = Memo()

    private final class Memo {
        var reply: ReplyText?
        var answeredMessageIDs: [String]?
        var sentCopies: [String: SentCopy?] = [:]
    }

    init(_ message: MailMessage) {
        self.message = message
        headers = message.headers.map { (name: $0.name, value: $0.value) }
        from = message.from.first?.address
        returnPath = message.header("Return-Path")
    }

    /// Every tag text addressed to the gateway, in order of trust, without repeats.
    func tagTexts(for gateway: GatewayAddress) -> [String] {
        var seen = Set<String>()
        var found: [String] = []
        for name in Self.targetHeaders {
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

    /// The Message-IDs this message answers, most recent first: In-Reply-To, then the last
    /// few References (Discourse looks at five; older ids add nothing but cost).
    var answeredMessageIDs: [String] {
        if let ids = memo.answeredMessageIDs { return ids }
        var ids = message.inReplyTo
        for id in message.references.reversed().prefix(5) where !ids.contains(id) { ids.append(id) }
        memo.answeredMessageIDs = ids
        return ids
    }

    /// The new text the person wrote, without quoted history and signature. Several steps
    /// read it (lifecycle commands, ballots, the post itself): it is extracted once.
    var reply: ReplyText {
        if let reply = memo.reply { return reply }
        let reply = ReplyExtractor.extract(plain: message.plainText, html: message.html)
        memo.reply = reply
        return reply
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
