import MailTransport

extension TruceConfiguration {
    /// How to reach the gateway's mailbox, as the IMAP client wants it.
    public var mailboxConfiguration: IMAPMailbox.Configuration {
        IMAPMailbox.Configuration(
            url: imap.url,
            mailbox: imap.mailbox,
            processedMailbox: imap.processedMailbox,
            username: imap.user,
            password: imap.password,
            requireTLS: imap.requireTLS,
            caFile: tls.caFile
        )
    }

    /// How to reach the SMTP server, as the SMTP client wants it.
    public var senderConfiguration: SMTPSender.Configuration {
        SMTPSender.Configuration(
            url: smtp.url,
            username: smtp.user,
            password: smtp.password,
            requireTLS: smtp.requireTLS,
            caFile: tls.caFile,
            connections: smtp.connections,
            pipelining: smtp.pipelining
        )
    }
}
