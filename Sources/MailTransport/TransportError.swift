/// A transport failure, saying what to do next.
///
/// The `disposition` alone decides retry vs give up (as in maddy's `IsTemporary`).
public struct TransportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What the caller should do about it.
    public enum Disposition: String, Sendable, Equatable {
        /// Try again later: the server is down, busy, or answered 4xx.
        case retry
        /// Do not try again: the server answered 5xx for this message or recipient.
        case giveUp
        /// Nothing will work until the operator fixes the configuration (login, TLS, URL).
        case fixConfiguration
    }
    public var disposition: Disposition
    /// The server's reply code when there was one (e.g. 550), else nil.
    public var serverCode: Int?
    /// A sentence a person understands, naming the server and what to check.
    public var message: String

    public init(_ disposition: Disposition, serverCode: Int? = nil, message: String) {
        self.disposition = disposition
        self.serverCode = serverCode
        self.message = message
    }

    public var isTransient: Bool { disposition == .retry }
    public var description: String { message }
}
