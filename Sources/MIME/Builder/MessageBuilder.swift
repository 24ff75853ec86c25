import Foundation

/// Composes an outgoing message (RFC 5322 + MIME) as CRLF-terminated bytes.
///
/// Values go in as plain Unicode; the builder encodes what needs encoding (RFC 2047
/// for names and subjects, RFC 2231 for file names, quoted-printable or base64 for
/// bodies) and folds header lines. Every header name and value is checked before
/// anything is written: CR, LF or NUL anywhere is an error, so no caller-supplied value
/// can inject a header or a body.
public struct MessageBuilder: Sendable {
    public var from: MailAddress?
    public var to: [MailAddress] = []
    public var cc: [MailAddress] = []
    public var replyTo: [MailAddress] = []
    public var subject: String?
    /// Defaults to the time of `build()`.
    public var date: Date?
    /// Without angle brackets. Generated on the From domain when nil.
    public var messageID: String?
    public var inReplyTo: [String] = []
    public var references: [String] = []
    /// Additional fields, written in order after the standard ones (Auto-Submitted,
    /// List-Unsubscribe, loop markers…). Values are encoded like a subject.
    public var extraHeaders: [(name: String, value: String)] = []
    /// The text/plain body (UTF-8).
    public var text: String = ""
    /// An optional text/html alternative.
    public var html: String?
    public var attachments: [OutgoingAttachment] = []

    public init() {}

    /// Appends an extra header field.
    public mutating func addHeader(_ name: String, _ value: String) {
        extraHeaders.append((name, value))
    }

    /// A new random Message-ID (without angle brackets) on `domain`.
    public static func newMessageID(domain: String) -> String {
        var generator = SystemRandomNumberGenerator()
        let time = String(UInt64(Date().timeIntervalSince1970 * 1000), radix: 36)
        let random = String(generator.next(), radix: 36) + String(generator.next(), radix: 36)
        return "\(time).\(random)@\(domain)"
    }

    /// Field names the builder writes itself; an extra header may not duplicate them.
    static let managedFields: Set<String> = [
        "from", "to", "cc", "bcc", "reply-to", "subject", "date", "message-id", "in-reply-to", "references",
        "mime-version", "content-type", "content-transfer-encoding", "content-disposition",
    ]

    /// Writes the message. Throws before writing anything if a value is unsafe or malformed.
    public func build() throws(MessageBuildError) -> Data {
        try validate()
        guard let from else { throw MessageBuildError(.missingFrom, field: "From") }
        var out = ""
        out += HeaderEncoder.field("Date", tokens: MailDate.format(date ?? Date()).split(separator: " ").map(String.init))
        out += HeaderEncoder.field("From", tokens: addressTokens([from]))
        if !to.isEmpty { out += HeaderEncoder.field("To", tokens: addressTokens(to)) }
        if !cc.isEmpty { out += HeaderEncoder.field("Cc", tokens: addressTokens(cc)) }
        if !replyTo.isEmpty { out += HeaderEncoder.field("Reply-To", tokens: addressTokens(replyTo)) }
        if let subject { out += HeaderEncoder.field("Subject", tokens: HeaderEncoder.unstructured(subject)) }
        let id = messageID ?? MessageBuilder.newMessageID(domain: from.domain.isEmpty ? "localhost" : from.domain)
        out += HeaderEncoder.field("Message-ID", tokens: ["<\(id)>"])
        if !inReplyTo.isEmpty { out += HeaderEncoder.field("In-Reply-To", tokens: inReplyTo.map { "<\($0)>" }) }
        if !references.isEmpty { out += HeaderEncoder.field("References", tokens: references.map { "<\($0)>" }) }
        for (name, value) in extraHeaders {
            out += HeaderEncoder.field(name, tokens: HeaderEncoder.unstructured(value))
        }
        out += "MIME-Version: 1.0\r\n"
        var bytes = Array(out.utf8)
        bytes += body()
        return Data(bytes)
    }

    // MARK: Validation

    func validate() throws(MessageBuildError) {
        func checkText(_ value: String, _ field: String) throws(MessageBuildError) {
            if value.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) {
                throw MessageBuildError(.forbiddenCharacter, field: field)
            }
        }
        func checkAddresses(_ list: [MailAddress], _ field: String) throws(MessageBuildError) {
            for a in list {
                try checkText(a.name ?? "", field)
                try checkText(a.address, field)
                let parts = a.address.split(separator: "@", omittingEmptySubsequences: false)
                let forbidden = a.address.unicodeScalars.contains {
                    $0.value <= 0x20 || $0.value == 0x7F || "<>,;:\"()[]\\".unicodeScalars.contains($0)
                }
                guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, !forbidden else {
                    throw MessageBuildError(.invalidValue, field: field)
                }
            }
        }
        func checkID(_ id: String, _ field: String) throws(MessageBuildError) {
            try checkText(id, field)
            let bad = id.isEmpty || id.unicodeScalars.contains { $0.value <= 0x20 || $0.value >= 0x7F || $0 == "<" || $0 == ">" }
            if bad { throw MessageBuildError(.invalidValue, field: field) }
        }
        if let from { try checkAddresses([from], "From") }
        try checkAddresses(to, "To")
        try checkAddresses(cc, "Cc")
        try checkAddresses(replyTo, "Reply-To")
        if let subject { try checkText(subject, "Subject") }
        if let messageID { try checkID(messageID, "Message-ID") }
        for id in inReplyTo { try checkID(id, "In-Reply-To") }
        for id in references { try checkID(id, "References") }
        for (name, value) in extraHeaders {
            try checkText(name, "header name")
            let validName = !name.isEmpty && name.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F && $0 != ":" }
            guard validName, !MessageBuilder.managedFields.contains(name.lowercased()) else {
                throw MessageBuildError(.invalidHeaderName, field: name)
            }
            try checkText(value, name)
        }
        for attachment in attachments {
            try checkText(attachment.filename, "attachment filename")
            try checkText(attachment.contentType, "attachment content type")
            let type = attachment.contentType.split(separator: "/", omittingEmptySubsequences: false)
            let tokenOK = type.count == 2 && type.allSatisfy { piece in
                !piece.isEmpty && piece.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F && !"()<>@,;:\\\"/[]?=".unicodeScalars.contains($0) }
            }
            if !tokenOK { throw MessageBuildError(.invalidValue, field: "attachment content type") }
            if let cid = attachment.contentID { try checkID(cid, "Content-ID") }
            if let charset = attachment.charset,
               charset.isEmpty || !charset.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F && $0 != "\"" && $0 != ";" }) {
                throw MessageBuildError(.invalidValue, field: "attachment charset")
            }
        }
    }

    // MARK: Writing

    /// Address list tokens: each mailbox's words, with a comma after all but the last.
    func addressTokens(_ list: [MailAddress]) -> [String] {
        var tokens: [String] = []
        for (index, a) in list.enumerated() {
            var mailbox: [String]
            if let name = a.name, !name.isEmpty {
                mailbox = HeaderEncoder.phrase(name) + ["<\(a.address)>"]
            } else {
                mailbox = [a.address]
            }
            if index < list.count - 1 { mailbox[mailbox.count - 1] += "," }
            tokens += mailbox
        }
        return tokens
    }

    /// The Content-* headers and body: a single text part, text+html alternative, and
    /// multipart/mixed around them when there are attachments.
    func body() -> [UInt8] {
        var textPart = MessageBuilder.textPart(text, subtype: "plain")
        if let html {
            let boundary = MessageBuilder.newBoundary()
            textPart = MessageBuilder.multipart("alternative", boundary: boundary,
                                                parts: [textPart, MessageBuilder.textPart(html, subtype: "html")])
        }
        if attachments.isEmpty { return textPart }
        let boundary = MessageBuilder.newBoundary()
        return MessageBuilder.multipart("mixed", boundary: boundary, parts: [textPart] + attachments.map(MessageBuilder.attachmentPart))
    }

    /// "=_" cannot occur in quoted-printable or base64 output, so a boundary starting
    /// with it never collides with encoded content.
    static func newBoundary() -> String {
        var generator = SystemRandomNumberGenerator()
        return "=_truce_" + String(generator.next(), radix: 36) + String(generator.next(), radix: 36)
    }

    static func multipart(_ subtype: String, boundary: String, parts: [[UInt8]]) -> [UInt8] {
        var out = Array(HeaderEncoder.field("Content-Type", tokens: ["multipart/\(subtype);", "boundary=\"\(boundary)\""]).utf8)
        out += Array("\r\n".utf8)
        for part in parts {
            out += Array("--\(boundary)\r\n".utf8)
            out += part
            out += Array("\r\n".utf8)
        }
        out += Array("--\(boundary)--\r\n".utf8)
        return out
    }

    /// Content headers and body of a text part: 7bit when the text is short-lined
    /// ASCII that ends with a line break, quoted-printable otherwise.
    static func textPart(_ text: String, subtype: String) -> [UInt8] {
        let normalized = text.withLFLineEnds
        let lines = normalized.split(separator: "\n", omittingEmptySubsequences: false)
        let plain = normalized.utf8.allSatisfy { ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x0A || $0 == 0x09 }
            && lines.allSatisfy { $0.utf8.count <= 76 && $0.last != " " && $0.last != "\t" }
            && (normalized.isEmpty || normalized.hasSuffix("\n"))
        var out = "Content-Type: text/\(subtype); charset=utf-8\r\n"
        if plain {
            out += "Content-Transfer-Encoding: 7bit\r\n\r\n"
            out += lines.dropLast().joined(separator: "\r\n")
            if !normalized.isEmpty { out += "\r\n" }
            return Array(out.utf8)
        }
        out += "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
        return Array(out.utf8) + QuotedPrintableEncoder.encode(normalized)
    }

    static func attachmentPart(_ attachment: OutgoingAttachment) -> [UInt8] {
        var out = HeaderEncoder.field("Content-Type", tokens: withSemicolons(
            [attachment.contentType.lowercased()] + (attachment.charset.map { HeaderEncoder.parameter("charset", $0) } ?? [])
                + HeaderEncoder.parameter("name", attachment.filename)))
        out += HeaderEncoder.field("Content-Disposition", tokens: withSemicolons(
            [attachment.contentID == nil ? "attachment" : "inline"] + HeaderEncoder.parameter("filename", attachment.filename)))
        if let cid = attachment.contentID { out += "Content-ID: <\(cid)>\r\n" }
        out += "Content-Transfer-Encoding: base64\r\n\r\n"
        var bytes = Array(out.utf8)
        let encoded = attachment.data.base64EncodedData(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        bytes += encoded
        if !encoded.isEmpty { bytes += [0x0D, 0x0A] }
        return bytes
    }

    static func withSemicolons(_ tokens: [String]) -> [String] {
        tokens.enumerated().map { $0.offset < tokens.count - 1 ? $0.element + ";" : $0.element }
    }
}
