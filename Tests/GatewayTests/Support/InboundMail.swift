import Foundation
import MIME
import Synchronization

/// A mail as it reaches the gateway's INBOX: written with `MessageBuilder`, then given the
/// trace fields a delivery agent prepends (`Return-Path`, `Delivered-To`, `Received`).
struct InboundMail {
    private static let counter = Mutex(0)

    var from: String
    var fromName: String?
    var to: [String]
    var cc: [String] = []
    /// Topmost first, as the delivery agent prepends them.
    var deliveredTo: [String] = []
    /// The envelope sender as the delivery agent wrote it; nil leaves the header out.
    var returnPath: String?
    var subject = "Re: [Truce] la médiation"
    var text = "Bonjour, voici ma réponse."
    var inReplyTo: [String] = []
    var references: [String] = []
    var headers: [(name: String, value: String)] = []
    /// Trace headers written before the message's own (Received, DKIM-Signature…).
    var traceHeaders: [(name: String, value: String)] = []
    var attachments: [OutgoingAttachment] = []
    var messageID: String

    init(from: String, to: [String], text: String = "Bonjour, voici ma réponse.") {
        self.from = from
        self.to = to
        self.text = text
        self.returnPath = "<\(from)>"
        let number = Self.counter.withLock { value in
            value += 1
            return value
        }
        messageID = "m\(number).\(UUID().uuidString.prefix(8))@client.test"
    }

    /// A mail to a tagged address: the tag in `Delivered-To` and `To`, like a real delivery.
    static func to(_ address: String, from: String, text: String = "Bonjour, voici ma réponse.") -> InboundMail {
        var mail = InboundMail(from: from, to: [address], text: text)
        mail.deliveredTo = [address]
        return mail
    }

    /// Answers `copy` (a message the gateway sent): In-Reply-To and References set.
    mutating func answer(_ copy: MailMessage) {
        guard let id = copy.messageID else { return }
        inReplyTo = [id]
        references = copy.references + [id]
    }

    func raw() throws -> Data {
        var builder = MessageBuilder()
        builder.from = MailAddress(name: fromName, address: from)
        builder.to = to.map { MailAddress(address: $0) }
        builder.cc = cc.map { MailAddress(address: $0) }
        builder.subject = subject
        builder.text = text
        builder.messageID = messageID
        builder.inReplyTo = inReplyTo
        builder.references = references
        builder.attachments = attachments
        for (name, value) in headers { builder.addHeader(name, value) }
        var trace = ""
        if let returnPath { trace += "Return-Path: \(returnPath)\r\n" }
        for address in deliveredTo { trace += "Delivered-To: \(address)\r\n" }
        for (name, value) in traceHeaders { trace += "\(name): \(value)\r\n" }
        return Data(trace.utf8) + (try builder.build())
    }
}
