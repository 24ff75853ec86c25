import Foundation
import Testing
@testable import MailTransport

/// The project's local Postfix and Dovecot (`scripts/mailstack`), when the environment
/// names its directory; the integration suites are skipped otherwise.
enum MailStack {
    static let directory = ProcessInfo.processInfo.environment["TRUCE_MAILSTACK_DIR"]
    static var isConfigured: Bool { directory.map { !$0.isEmpty } ?? false }
    static var caFile: String { "\(directory ?? "")/tls/ca.crt" }

    /// Relay on loopback: no login, TLS only offered.
    static let relayURL = "smtp://127.0.0.1:2525"
    /// Submission: STARTTLS required, then AUTH.
    static let submissionURL = "smtp://127.0.0.1:2587"
    static let imapURL = "imap://127.0.0.1:2143"
    static let imapsURL = "imaps://127.0.0.1:2993"
    static let password = "secret"

    static func relay(connections: Int = 4) throws -> SMTPSender {
        try SMTPSender(.init(url: relayURL, requireTLS: false, caFile: caFile, connections: connections))
    }

    static func submission(as account: Account, password: String = password) throws -> SMTPSender {
        try SMTPSender(.init(url: submissionURL, username: account.user, password: password, requireTLS: true, caFile: caFile))
    }

    static func mailbox(
        of account: Account, url: String = imapsURL, mailbox: String = "INBOX",
        password: String = password, searchWindow: UInt32 = 500
    ) throws -> IMAPMailbox {
        try IMAPMailbox(.init(
            url: url, mailbox: mailbox, username: account.user, password: password,
            requireTLS: true, caFile: caFile, searchWindow: searchWindow
        ))
    }
}

/// A mailbox of its own for one test, so tests run side by side without seeing each
/// other's mail: `name-<uuid>@mediation.test`, reached through `name-<uuid>+x@…`.
struct Account {
    let local: String
    init(_ name: String) {
        local = "\(name)-\(UUID().uuidString.lowercased())"
    }
    var user: String { "\(local)@mediation.test" }
    var tagged: String { "\(local)+x@mediation.test" }
}

/// A hand-written RFC 5322 message with CRLF line ends.
func rawMessage(to recipient: String, subject: String, messageID: String = "<\(UUID().uuidString)@mediation.test>", body: String, headers: [String] = []) -> Data {
    var lines = [
        "From: Truce <truce@mediation.test>",
        "To: \(recipient)",
        "Subject: \(subject)",
        "Date: Mon, 02 Jun 2025 10:00:00 +0200",
        "Message-ID: \(messageID)",
        "MIME-Version: 1.0",
    ] + headers
    lines.append("")
    var text = lines.joined(separator: "\r\n") + "\r\n"
    text += body
    return Data(text.utf8)
}

/// Waits until the mailbox holds at least `count` messages.
///
/// Postfix hands mail to Dovecot on its own schedule and libcurl has no IMAP IDLE, so the
/// only way to see delivery is to ask again: the wait ends on the condition, and the
/// limit only stops a test whose mail never comes.
@discardableResult
func waitForMessages(_ count: Int, in mailbox: IMAPMailbox) async throws -> MailboxStatus {
    let deadline = ContinuousClock.now + .seconds(120)
    while true {
        let status = try mailbox.status()
        if status.messages >= count || ContinuousClock.now > deadline { return status }
        try await Task.sleep(for: .milliseconds(50))
    }
}

/// The value of the Message-ID header of raw message bytes.
func messageID(of message: Data) -> String? {
    let text = String(decoding: message.prefix(64 * 1024), as: UTF8.self)
    for line in text.components(separatedBy: "\r\n") {
        if line.isEmpty { return nil }
        if line.lowercased().hasPrefix("message-id:") {
            return line.dropFirst("message-id:".count).trimmingCharacters(in: .whitespaces)
        }
    }
    return nil
}

extension SendOutcome {
    var refusal: TransportError? {
        if case .refused(let error) = self { return error }
        return nil
    }
    var isAccepted: Bool { refusal == nil }
}
