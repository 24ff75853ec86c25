extension SMTPSender {
    /// Where the gateway sends mail and how it logs in.
    public struct Configuration: Sendable, Equatable {
        /// `smtp://host:port` (plain or STARTTLS) or `smtps://host:port` (TLS from the start).
        public var url: String
        /// Nil: the server takes mail without AUTH (a relay on loopback).
        public var username: String?
        public var password: String?
        /// SASL login options, e.g. `AUTH=PLAIN`; nil lets libcurl choose.
        public var loginOptions: String?
        /// Refuse to send without TLS: on `smtp://` STARTTLS becomes mandatory.
        public var requireTLS: Bool
        /// The certificate authority that signed the server's certificate; nil uses the
        /// system store. Verification is never turned off.
        public var caFile: String?
        /// How many SMTP connections carry a batch at once.
        public var connections: Int
        /// The longest connecting may take, including the greeting, STARTTLS and AUTH.
        public var connectTimeout: Duration
        /// The longest one transaction (connect, MAIL, RCPT, DATA) may take.
        public var operationTimeout: Duration
        /// Pipeline commands (RFC 2920) when the server offers it: one round trip per
        /// message instead of four. Off: every command waits for its reply (libcurl's own
        /// transfers), for a server whose PIPELINING misbehaves.
        public var pipelining: Bool

        public init(
            url: String,
            username: String? = nil,
            password: String? = nil,
            loginOptions: String? = nil,
            requireTLS: Bool = true,
            caFile: String? = nil,
            connections: Int = 4,
            connectTimeout: Duration = .seconds(10),
            operationTimeout: Duration = .seconds(120),
            pipelining: Bool = true
        ) {
            self.url = url
            self.username = username
            self.password = password
            self.loginOptions = loginOptions
            self.requireTLS = requireTLS
            self.caFile = caFile
            self.connections = connections
            self.connectTimeout = connectTimeout
            self.operationTimeout = operationTimeout
            self.pipelining = pipelining
        }
    }
}
