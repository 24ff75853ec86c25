import CCurl
import Foundation
import Synchronization

/// Sends the gateway's mail through one SMTP server with libcurl, on several connections
/// at once.
///
/// Each envelope is its own transaction with one recipient, so every recipient gets its
/// own outcome; the connections stay open between batches. Batches from several threads
/// wait for each other: the connections carry one batch at a time.
public final class SMTPSender: MailSender {
    public let configuration: Configuration
    private let connections: Mutex<SMTPConnections>

    /// Checks the configuration; connects only when the first batch is sent.
    public init(_ configuration: Configuration) throws(TransportError) {
        let components = URLComponents(string: configuration.url)
        let scheme = components?.scheme?.lowercased()
        guard scheme == "smtp" || scheme == "smtps", components?.host?.isEmpty == false else {
            throw TransportError(.fixConfiguration, message: "\(configuration.url) is not an SMTP URL: use smtp://host:port (STARTTLS) or smtps://host:port in smtp.url")
        }
        guard configuration.connections >= 1 else {
            throw TransportError(.fixConfiguration, message: "smtp.connections is \(configuration.connections): it must be at least 1")
        }
        if configuration.username != nil, configuration.password == nil {
            throw TransportError(.fixConfiguration, message: "smtp.user is set without smtp.password: set both, or neither for a server that needs no login")
        }
        self.configuration = configuration
        connections = Mutex(try SMTPConnections(configuration))
    }

    public func send(_ envelopes: [Envelope]) -> [SendOutcome] {
        guard !envelopes.isEmpty else { return [] }
        let envelopes = envelopes.map(\.withASCIIDomains)
        return connections.withLock { $0.send(envelopes) }
    }

    /// How many SMTP connections batches have opened so far. Connections are kept between
    /// envelopes and batches, so this stays at `configuration.connections` unless the
    /// server closed some (after a refusal, libcurl closes the connection).
    public var connectionsOpened: Int {
        connections.withLock { $0.connectionsOpened }
    }

    /// Whether batches pipeline their commands: nil until the first batch met the server
    /// (and stays nil while it cannot be reached), then whether it offered PIPELINING.
    var pipelining: Bool? {
        connections.withLock { $0.pipelining }
    }

    /// Connects, greets, starts TLS and logs in as a transaction would, then sends `NOOP`
    /// instead of mail: the health check of `doctor`. Uses its own fresh connection so
    /// that the login really happens.
    public func verifyLogin() throws(TransportError) {
        let handle = try CurlHandle()
        try handle.configureConnection(configuration)
        try handle.set(CURLOPT_CUSTOMREQUEST, "NOOP")
        try handle.set(CURLOPT_FORBID_REUSE, true)
        let code = handle.perform()
        guard code == CURLE_OK else {
            let server = ServerContext(
                protocolName: "SMTP", url: configuration.url, username: configuration.username,
                caFile: configuration.caFile, settingPrefix: "smtp"
            )
            let failure = handle.failure(code)
            if let reply = SMTPReply.refusal(in: failure.serverLines), code != CURLE_LOGIN_DENIED {
                throw TransportError(reply.disposition == .giveUp ? .fixConfiguration : reply.disposition, serverCode: reply.code, message: "\(server.address) refused the session check: \(reply.text)")
            }
            throw failure.transportError(at: server)
        }
    }
}
