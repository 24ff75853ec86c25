extension IMAPMailbox {
    /// Where the gateway's mailbox is and how to log in to it.
    public struct Configuration: Sendable, Equatable {
        /// `imap://host:port` (STARTTLS) or `imaps://host:port` (TLS from the start).
        public var url: String
        /// The mailbox the gateway reads.
        public var mailbox: String
        /// Where handled messages are moved; it must exist on the server.
        public var processedMailbox: String
        public var username: String
        public var password: String
        /// SASL login options, e.g. `AUTH=PLAIN`; nil lets libcurl choose.
        public var loginOptions: String?
        /// Refuse to talk without TLS: on `imap://` STARTTLS becomes mandatory.
        public var requireTLS: Bool
        /// The certificate authority that signed the server's certificate; nil uses the
        /// system store. Verification is never turned off.
        public var caFile: String?
        /// The longest connecting may take, including TLS and the login (servers slow
        /// down answers to repeated failed logins).
        public var connectTimeout: Duration
        /// The longest one IMAP operation (a fetch of a large message) may take.
        public var operationTimeout: Duration
        /// How many UIDs one `UID SEARCH` covers. libcurl silently cuts server lines past
        /// 8 KB, so a search never spans more than this many UIDs (at most 700).
        public var searchWindow: UInt32

        public init(
            url: String,
            mailbox: String = "INBOX",
            processedMailbox: String = "Processed",
            username: String,
            password: String,
            loginOptions: String? = nil,
            requireTLS: Bool = true,
            caFile: String? = nil,
            connectTimeout: Duration = .seconds(10),
            operationTimeout: Duration = .seconds(120),
            searchWindow: UInt32 = 500
        ) {
            self.url = url
            self.mailbox = mailbox
            self.processedMailbox = processedMailbox
            self.username = username
            self.password = password
            self.loginOptions = loginOptions
            self.requireTLS = requireTLS
            self.caFile = caFile
            self.connectTimeout = connectTimeout
            self.operationTimeout = operationTimeout
            self.searchWindow = searchWindow
        }
    }
}
