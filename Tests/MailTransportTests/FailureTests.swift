import Foundation
import Testing
@testable import MailTransport

/// Real failures against the local mail stack end in errors that say what to do next.
@Suite("Failures against the local mail stack", .enabled(if: MailStack.isConfigured))
struct FailureTests {
    @Test func recipientRefusedByTheServerIsFinalWithItsCodeAndText() throws {
        let account = Account("refused")
        let message = rawMessage(to: "x@nowhere.invalid", subject: "Hello", body: "x\r\n")
        let outcomes = try MailStack.relay().send([
            Envelope(sender: "bounces@mediation.test", recipient: "x@nowhere.invalid", message: message),
            Envelope(sender: "bounces@mediation.test", recipient: account.tagged, message: message),
        ])
        let refusal = try #require(outcomes.first?.refusal)
        #expect(refusal.disposition == .giveUp)
        #expect((500..<600).contains(refusal.serverCode ?? 0))
        #expect(refusal.message.hasPrefix("127.0.0.1:2525 refused recipient x@nowhere.invalid: 5"))
        #expect(refusal.message.contains("nowhere.invalid>"))
        // The refusal of one recipient does not touch the next envelope.
        #expect(outcomes.last?.isAccepted == true)
    }

    @Test func closedPortIsRetried() throws {
        let sender = try SMTPSender(.init(url: "smtp://127.0.0.1:1", requireTLS: false))
        let refusal = try #require(sender.send([Envelope(sender: "", recipient: "a@mediation.test", message: Data("x\r\n".utf8))]).first?.refusal)
        #expect(refusal.disposition == .retry)
        #expect(refusal.message == "cannot connect to 127.0.0.1:1 (connection refused): is the mail server running?")

        let mailbox = try IMAPMailbox(.init(url: "imap://127.0.0.1:1", username: "a@mediation.test", password: "secret"))
        #expect(throws: TransportError(.retry, message: "cannot connect to 127.0.0.1:1 (connection refused): is the mail server running?")) {
            try mailbox.status()
        }
    }

    @Test func wrongIMAPPasswordIsAConfigurationErrorNamingUserAndHost() throws {
        let account = Account("login")
        // Dovecot delays answers to repeated failed logins from one address by up to 15 s,
        // and the connect timeout covers the login.
        let mailbox = try IMAPMailbox(.init(
            url: MailStack.imapsURL, username: account.user, password: "wrong",
            caFile: MailStack.caFile, connectTimeout: .seconds(60)
        ))
        let error = try #require(throws: TransportError.self) { try mailbox.verifyLogin() }
        #expect(error.disposition == .fixConfiguration)
        #expect(error.message.hasPrefix("IMAP login refused for \(account.user) at 127.0.0.1:2993"))
        #expect(error.message.hasSuffix("check imap.user and imap.password"))
    }

    @Test func wrongSubmissionPasswordIsAConfigurationError() throws {
        let account = Account("login")
        let sender = try SMTPSender(.init(
            url: MailStack.submissionURL, username: account.user, password: "wrong",
            caFile: MailStack.caFile, connectTimeout: .seconds(60)
        ))
        let error = try #require(throws: TransportError.self) { try sender.verifyLogin() }
        #expect(error.disposition == .fixConfiguration)
        #expect(error.message.hasPrefix("SMTP login refused for \(account.user) at 127.0.0.1:2587"))

        let outcome = sender.send([Envelope(sender: account.user, recipient: account.tagged, message: Data("Subject: x\r\n\r\nx\r\n".utf8))])
        #expect(outcome.first?.refusal?.disposition == .fixConfiguration, "\(outcome)")
    }

    @Test func rightCredentialsPassTheHealthChecks() throws {
        let account = Account("doctor")
        try MailStack.submission(as: account).verifyLogin()
        try MailStack.relay().verifyLogin()
        try MailStack.mailbox(of: account, url: MailStack.imapURL).verifyLogin()
        try MailStack.mailbox(of: account, url: MailStack.imapsURL).verifyLogin()
    }

    @Test func certificateFromAnotherAuthorityIsAConfigurationError() throws {
        let account = Account("tls")
        let otherCA = "/etc/ssl/certs/ca-certificates.crt"
        for url in [MailStack.imapsURL, MailStack.imapURL] {
            let mailbox = try IMAPMailbox(.init(url: url, username: account.user, password: MailStack.password, caFile: otherCA))
            let error = try #require(throws: TransportError.self) { try mailbox.status() }
            #expect(error.disposition == .fixConfiguration)
            #expect(error.message.hasPrefix("TLS certificate of 127.0.0.1:"))
            #expect(error.message.contains("could not be verified with CA file \(otherCA)"))
            #expect(error.message.hasSuffix("check tls.ca_file"))
        }
        let sender = try SMTPSender(.init(url: MailStack.submissionURL, username: account.user, password: MailStack.password, caFile: otherCA))
        let error = try #require(throws: TransportError.self) { try sender.verifyLogin() }
        #expect(error.disposition == .fixConfiguration)
        #expect(error.message.hasPrefix("TLS certificate of 127.0.0.1:2587 could not be verified"))
    }

    @Test func missingCAFileIsAConfigurationError() throws {
        let account = Account("tls")
        let mailbox = try IMAPMailbox(.init(url: MailStack.imapsURL, username: account.user, password: MailStack.password, caFile: "/nonexistent/ca.crt"))
        let error = try #require(throws: TransportError.self) { try mailbox.status() }
        #expect(error.disposition == .fixConfiguration)
        #expect(error.message.contains("/nonexistent/ca.crt"))
    }

    @Test func urlsOfTheWrongKindAreRefusedAtStart() {
        #expect(throws: TransportError.self) { try IMAPMailbox(.init(url: "smtp://127.0.0.1:2143", username: "a", password: "b")) }
        #expect(throws: TransportError.self) { try SMTPSender(.init(url: "imap://127.0.0.1:2525")) }
        #expect(throws: TransportError.self) { try SMTPSender(.init(url: "smtp://127.0.0.1:2525", connections: 0)) }
    }
}
