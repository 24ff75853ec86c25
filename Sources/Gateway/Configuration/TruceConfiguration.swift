import Foundation

/// Everything the gateway reads from its configuration file and environment.
///
/// Loaded once at start by `ConfigurationLoader`; every key has a documented default in
/// `Config/truce.example.yaml` except the ones a gateway cannot guess (its address, its
/// secret, the servers).
public struct TruceConfiguration: Sendable {
    /// The gateway's own identity.
    public struct GatewaySection: Sendable {
        /// The mailbox every tagged address lands in, e.g. `truce@mediation.test`.
        public var address: String
        /// The display name on everything the gateway sends, e.g. `Truce`.
        public var name: String
        /// The HMAC key that signs reply addresses.
        public var secret: String
        /// Earlier secrets still accepted on the way in while rotating (never used to sign).
        public var previousSecrets: [String]
        /// When set, `Authentication-Results` headers from this server are trusted.
        public var trustedAuthservID: String?
    }

    /// Where the SQLite database lives.
    public struct StoreSection: Sendable {
        public var path: String
    }

    /// The IMAP mailbox the Fetcher polls.
    public struct IMAPSection: Sendable {
        public var url: String
        public var user: String
        public var password: String
        public var pollSeconds: Int
        public var mailbox: String
        public var processedMailbox: String
        /// Refuse to log in on `imap://` unless STARTTLS succeeds.
        public var requireTLS: Bool
    }

    /// The SMTP server the Dispatcher sends through.
    public struct SMTPSection: Sendable {
        public var url: String
        /// Nil when the server takes mail without AUTH (a local relay).
        public var user: String?
        public var password: String?
        public var connections: Int
        /// Refuse to send on `smtp://` unless STARTTLS succeeds.
        public var requireTLS: Bool
        /// Pipeline commands when the server offers PIPELINING (one round trip per copy).
        public var pipelining: Bool
    }

    /// Certificate verification; it is always on, this only says which CA to trust.
    public struct TLSSection: Sendable {
        /// A PEM bundle of trusted CAs; nil means the system's store.
        public var caFile: String?
    }

    /// Defaults for every case.
    public struct MediationSection: Sendable {
        public var roomDays: Int
        public var maxDays: Int
        public var feePercent: Int
        public var language: String
        public var maxAttachmentMB: Int
        /// Whole messages larger than this (in MB) are held as `too_large`.
        public var maxMessageMB: Int
        public var maxConsumers: Int
    }

    public var gateway: GatewaySection
    public var store: StoreSection
    public var imap: IMAPSection
    public var smtp: SMTPSection
    public var tls: TLSSection
    public var mediation: MediationSection
    /// The folder holding `en/` and `fr/` Mustache templates.
    public var templatesDirectory: String
    /// The file the values came from, for messages.
    public var sourceFile: String

    /// The domain part of `gateway.address`.
    public var gatewayDomain: String {
        String(gateway.address.split(separator: "@").last ?? "")
    }

    /// The local part of `gateway.address`.
    public var gatewayLocalPart: String {
        String(gateway.address.split(separator: "@").first ?? "")
    }
}
