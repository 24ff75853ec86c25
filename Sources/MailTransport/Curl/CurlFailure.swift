import CCurl
import Foundation

/// What libcurl reported about a failed transfer, before anyone decides what it means.
struct CurlFailure: Error, Equatable {
    var code: CURLcode
    /// libcurl's own sentence: its error buffer, or the generic text for the code.
    var curlText: String
    /// The errno of the last socket call (e.g. ECONNREFUSED), 0 when none.
    var osErrno: Int
    /// The last reply code libcurl read (SMTP 3-digit code; 0 for IMAP or no reply).
    var responseCode: Int
    /// The server's protocol lines seen during the transfer.
    var serverLines: [String]

    init(code: CURLcode, curlText: String = "", osErrno: Int = 0, responseCode: Int = 0, serverLines: [String] = []) {
        self.code = code
        self.curlText = curlText
        self.osErrno = osErrno
        self.responseCode = responseCode
        self.serverLines = serverLines
    }

    /// The meaning of the failures every protocol shares: network, TLS, login, URL.
    /// Protocol-specific codes (a refused SMTP recipient, a missing IMAP message) are
    /// decided by the caller before falling back to this.
    func transportError(at server: ServerContext) -> TransportError {
        let address = server.address
        switch code {
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT:
            return TransportError(.fixConfiguration, message: "\(server.url) is not a usable \(server.protocolName) URL (\(curlText)): check \(server.settingPrefix).url")
        case CURLE_COULDNT_RESOLVE_HOST:
            return TransportError(.retry, message: "cannot resolve the host of \(address): check \(server.settingPrefix).url or the DNS")
        case CURLE_COULDNT_CONNECT:
            return TransportError(.retry, message: "cannot connect to \(address) (\(socketReason)): is the mail server running?")
        case CURLE_OPERATION_TIMEDOUT:
            return TransportError(.retry, message: "\(address) did not answer in time (\(curlText)): the server is slow or unreachable")
        case CURLE_LOGIN_DENIED:
            return TransportError(.fixConfiguration, serverCode: replyCode, message: "\(server.protocolName) login refused for \(server.username ?? "(no user)") at \(address)\(serverSays): check \(server.settingPrefix).user and \(server.settingPrefix).password")
        case CURLE_PEER_FAILED_VERIFICATION:
            return TransportError(.fixConfiguration, message: "TLS certificate of \(address) could not be verified with \(server.caDescription) (\(curlText)): check tls.ca_file")
        case CURLE_SSL_CACERT_BADFILE:
            return TransportError(.fixConfiguration, message: "\(server.caDescription) cannot be read as a certificate authority for \(address): check tls.ca_file")
        case CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER, CURLE_SSL_ENGINE_NOTFOUND:
            return TransportError(.fixConfiguration, message: "TLS handshake with \(address) failed (\(curlText)): check that the port speaks TLS from the start for \(server.protocolName.lowercased())s:// and plain text with STARTTLS otherwise")
        case CURLE_USE_SSL_FAILED:
            return TransportError(.fixConfiguration, message: "\(address) does not offer STARTTLS although TLS is required: use \(server.protocolName.lowercased())s:// or enable STARTTLS on the server")
        case CURLE_REMOTE_ACCESS_DENIED:
            return TransportError(.fixConfiguration, message: "\(address) denied access\(serverSays): check \(server.settingPrefix).mailbox and the account's rights")
        case CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE, CURLE_WEIRD_SERVER_REPLY:
            return TransportError(.retry, serverCode: replyCode, message: "connection to \(address) broke (\(curlText))\(serverSays): will try again")
        default:
            return TransportError(.retry, serverCode: replyCode, message: "\(server.protocolName) exchange with \(address) failed (\(curlText))\(serverSays)")
        }
    }

    /// Why the socket could not connect, in words ("connection refused").
    var socketReason: String {
        guard osErrno != 0, let text = strerror(Int32(osErrno)) else { return curlText }
        return String(cString: text).lowercased()
    }

    /// The server's reply code when there was one.
    var replyCode: Int? { responseCode > 0 ? responseCode : nil }

    /// The server's refusal, quoted, when there was one. The last line is often not it:
    /// libcurl says QUIT or LOGOUT after a failure, and the goodbye comes last.
    private var serverSays: String {
        refusalText.map { " (server said: \($0))" } ?? ""
    }

    /// The last SMTP 4xx/5xx reply or IMAP NO/BAD line of the transfer, without the
    /// IMAP command tag (which means nothing to a person).
    var refusalText: String? {
        if let reply = SMTPReply.refusal(in: serverLines) { return reply.text }
        guard let line = IMAPResponse.refusal(in: serverLines) else { return nil }
        return line.hasPrefix("* ") ? line : String(line.drop(while: { $0 != " " }).dropFirst())
    }
}

/// The server a transfer talked to, named the way error messages need it.
struct ServerContext: Sendable, Equatable {
    var protocolName: String
    var url: String
    /// "host:port", the way an operator recognizes the server.
    var address: String
    var username: String?
    var caFile: String?
    /// The configuration prefix messages point to ("imap" → "check imap.user").
    var settingPrefix: String

    init(protocolName: String, url: String, username: String?, caFile: String?, settingPrefix: String) {
        self.protocolName = protocolName
        self.url = url
        self.address = ServerContext.address(of: url)
        self.username = username
        self.caFile = caFile
        self.settingPrefix = settingPrefix
    }

    var caDescription: String {
        caFile.map { "CA file \($0)" } ?? "the system CA store"
    }

    /// "host:port" from a URL, with the scheme's default port when none is written.
    static func address(of url: String) -> String {
        guard let components = URLComponents(string: url), let host = components.host, !host.isEmpty else {
            return url
        }
        let port = components.port ?? defaultPorts[components.scheme?.lowercased() ?? ""]
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return port.map { "\(shownHost):\($0)" } ?? shownHost
    }

    private static let defaultPorts = ["imap": 143, "imaps": 993, "smtp": 25, "smtps": 465]
}
