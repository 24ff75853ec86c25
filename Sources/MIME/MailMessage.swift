import Foundation

/// An email message read from its raw bytes (RFC 5322 + MIME), leniently.
///
/// Parsing never throws and never crashes: broken mail yields whatever could be read,
/// and bytes that are not mail at all yield a message without headers whose body is the
/// whole input. Header views are decoded when the message is parsed (they are small);
/// bodies stay in the original bytes and are decoded when asked for.
public struct MailMessage: Sendable {
    /// The root of the MIME tree; its headers are the message headers.
    public var root: MIMEPart

    /// Parses raw message bytes (CRLF or LF line ends).
    public init(parsing data: Data) {
        root = MIMEPart.parse(source: data, range: 0..<data.count)
    }

    /// Parses raw message bytes.
    public init(parsing bytes: [UInt8]) {
        self.init(parsing: Data(bytes))
    }

    /// Wraps an already parsed part, e.g. the root of an attached message.
    public init(root: MIMEPart) {
        self.root = root
    }

    // MARK: Headers

    /// All header fields in order, repeats kept.
    public var headers: [MailHeader] { root.headers }

    /// Decoded value of the first header with this name (case-insensitive).
    public func header(_ name: String) -> String? { root.header(name) }

    /// Decoded values of every header with this name, in order.
    public func headers(named name: String) -> [String] {
        root.headers.filter { $0.name.equalsIgnoringASCIICase(name) }.map(\.value)
    }

    func rawHeader(_ name: String) -> String? { root.headers.first(named: name)?.rawValue }

    func addresses(_ name: String) -> [MailAddress] {
        root.headers.filter { $0.name.equalsIgnoringASCIICase(name) }
            .flatMap { MailAddress.parseList($0.rawValue) }
    }

    public var from: [MailAddress] { addresses("From") }
    public var to: [MailAddress] { addresses("To") }
    public var cc: [MailAddress] { addresses("Cc") }
    public var bcc: [MailAddress] { addresses("Bcc") }
    public var replyTo: [MailAddress] { addresses("Reply-To") }
    public var sender: [MailAddress] { addresses("Sender") }

    /// Message-ID without angle brackets.
    public var messageID: String? { rawHeader("Message-ID").flatMap { MessageIDList.parse($0).first } }

    /// The Message-ID of raw message bytes, read from the header section alone (the body
    /// and its parts are not looked at): for recording a message before it is parsed.
    public static func messageID(of raw: Data) -> String? {
        let headers = raw.withUnsafeBytes { HeaderSection.parse($0, range: 0..<raw.count, only: "Message-ID").headers }
        return headers.first.flatMap { MessageIDList.parse($0.rawValue).first }
    }
    /// In-Reply-To ids, without angle brackets.
    public var inReplyTo: [String] { rawHeader("In-Reply-To").map(MessageIDList.parse) ?? [] }
    /// References ids in order, without angle brackets (all References fields joined).
    public var references: [String] {
        root.headers.filter { $0.name.equalsIgnoringASCIICase("References") }
            .flatMap { MessageIDList.parse($0.rawValue) }
    }

    /// The Date header, or nil when absent or unreadable.
    public var date: Date? { rawHeader("Date").flatMap(MailDate.parse) }

    /// The decoded subject.
    public var subject: String? { header("Subject") }
}
