import Foundation

/// What the gateway needs to send mail: the seam between the Dispatcher and SMTP.
///
/// Each `Envelope` is sent as its own SMTP transaction (one recipient), so every recipient
/// gets its own outcome. Implemented by `SMTPSender`; unit tests use a recording fake.
public protocol MailSender: AnyObject, Sendable {
    /// Sends every envelope, possibly on several connections at once, and returns one
    /// outcome per envelope, in the same order.
    func send(_ envelopes: [Envelope]) -> [SendOutcome]
}

/// One message to one recipient.
public struct Envelope: Sendable, Equatable {
    /// The SMTP MAIL FROM (a bounce address), without angle brackets; empty for `<>`.
    public var sender: String
    /// The single SMTP RCPT TO.
    public var recipient: String
    /// The complete message, CRLF line ends, not dot-stuffed.
    public var message: Data
    public init(sender: String, recipient: String, message: Data) {
        self.sender = sender
        self.recipient = recipient
        self.message = message
    }
}

/// What happened to one envelope.
public enum SendOutcome: Sendable, Equatable {
    /// The server accepted the message; its final reply (e.g. "250 2.0.0 Ok: queued as …").
    case accepted(reply: String)
    /// The server or the network refused it.
    case refused(TransportError)
}
