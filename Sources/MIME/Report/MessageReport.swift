import Foundation

/// What the operator sees of one message (`truce parse FILE [--json]`): decoded headers,
/// addresses, ids, the MIME tree, the text to show, and the reply text with what was
/// stripped from it.
///
/// Everything is computed once from a `MailMessage`, so a report can be printed as text
/// and as JSON without parsing twice. A file that is not mail still yields a report of
/// whatever could be read (no headers, its bytes as text).
public struct MessageReport: Sendable {
    /// One node of the MIME tree, as shown in reports.
    public struct Part: Sendable {
        public var contentType: String
        public var charset: String?
        public var transferEncoding: String
        public var disposition: String?
        public var filename: String?
        public var contentID: String?
        public var encodedSize: Int
        public var decodedSize: Int
        public var children: [Part]
    }

    /// One attachment, as listed in reports.
    public struct Attachment: Sendable {
        public var filename: String?
        public var contentType: String
        public var size: Int
        public var isInline: Bool
    }

    public var headers: [MailHeader]
    public var subject: String?
    public var from: [MailAddress]
    public var to: [MailAddress]
    public var cc: [MailAddress]
    public var replyTo: [MailAddress]
    public var messageID: String?
    public var inReplyTo: [String]
    public var references: [String]
    public var date: Date?
    /// The text to show (plain text, or the HTML converted when there is only HTML).
    public var bodyText: String?
    public var html: String?
    /// The new text of the message, quoted history and signature removed.
    public var replyText: String
    /// What was removed to get `replyText`.
    public var stripped: String
    /// Nothing could be stripped safely, so `replyText` is the whole text.
    public var keptFullText: Bool
    public var attachments: [Attachment]
    public var root: Part

    public init(_ message: MailMessage) {
        headers = message.headers
        subject = message.subject
        from = message.from
        to = message.to
        cc = message.cc
        replyTo = message.replyTo
        messageID = message.messageID
        inReplyTo = message.inReplyTo
        references = message.references
        date = message.date
        bodyText = message.text
        html = message.html
        let reply = ReplyExtractor.extract(plain: message.plainText, html: html)
        replyText = reply.text
        stripped = reply.stripped
        keptFullText = reply.keptFullText
        attachments = message.attachments.map {
            Attachment(filename: $0.filename, contentType: $0.contentType, size: $0.size, isInline: $0.isInline)
        }
        root = Part(message.root)
    }

    /// Parses `data` and reports on it.
    public init(parsing data: Data) {
        self.init(MailMessage(parsing: data))
    }

    /// "2026-11-28T14:34:32Z".
    static func iso8601(_ date: Date) -> String {
        let total = Int(date.timeIntervalSince1970.rounded(.down))
        var days = total / 86_400
        var rem = total % 86_400
        if rem < 0 { rem += 86_400; days -= 1 }
        let (y, m, d) = MailDate.civilFromDays(days)
        func pad(_ n: Int, _ width: Int = 2) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(y, 4))-\(pad(m))-\(pad(d))T\(pad(rem / 3600)):\(pad(rem % 3600 / 60)):\(pad(rem % 60))Z"
    }
}

extension MessageReport.Part {
    init(_ part: MIMEPart) {
        contentType = part.contentType
        charset = part.charset
        transferEncoding = part.transferEncoding.description
        disposition = part.disposition
        filename = part.filename
        contentID = part.contentID
        encodedSize = part.encodedSize
        decodedSize = part.isMultipart || part.isMessage ? part.encodedSize : part.decodedSize
        children = part.children.map(MessageReport.Part.init)
    }
}
