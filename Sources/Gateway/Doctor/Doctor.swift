import Foundation
import MailTransport

/// `truce doctor`: checks what the gateway needs before it can serve, and says plainly what
/// is wrong. Reads the configuration; logs in to IMAP and SMTP; sends no mail; writes nothing
/// but the store's directory if it is missing.
public struct Doctor: Sendable {
    /// One line of the report.
    public struct Finding: Sendable, Equatable {
        public var healthy: Bool
        public var subject: String
        public var detail: String
    }

    public let configuration: TruceConfiguration

    public init(configuration: TruceConfiguration) {
        self.configuration = configuration
    }

    /// Runs every check, even after one fails, so the operator sees everything at once.
    public func examine() -> [Finding] {
        [checkConfiguration(), checkStore(), checkTemplates(), checkIMAP(), checkSMTP()]
    }

    private func checkConfiguration() -> Finding {
        let c = configuration
        return Finding(
            healthy: true, subject: "configuration",
            detail: "\(c.sourceFile): gateway \(c.gateway.address) as \"\(c.gateway.name)\", "
                + "secret set (\(c.gateway.secret.count) characters, redacted)"
                + (c.gateway.previousSecrets.isEmpty ? "" : ", \(c.gateway.previousSecrets.count) previous secret(s)")
        )
    }

    private func checkStore() -> Finding {
        let path = configuration.store.path
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            return Finding(healthy: false, subject: "store", detail: "cannot create \(directory): check store.path")
        }
        guard FileManager.default.isWritableFile(atPath: directory) else {
            return Finding(healthy: false, subject: "store", detail: "\(directory) is not writable: check store.path")
        }
        let exists = FileManager.default.fileExists(atPath: path)
        return Finding(healthy: true, subject: "store", detail: "\(path) (\(exists ? "exists" : "will be created"))")
    }

    private func checkTemplates() -> Finding {
        do {
            _ = try TemplateLibrary(directory: configuration.templatesDirectory)
            return Finding(healthy: true, subject: "templates", detail: "\(configuration.templatesDirectory) (fr, en)")
        } catch {
            return Finding(healthy: false, subject: "templates", detail: error.message)
        }
    }

    private func checkIMAP() -> Finding {
        let imap = configuration.imap
        let how = "\(imap.url) as \(imap.user)" + (imap.requireTLS ? ", TLS required" : "")
        do {
            let mailbox = try IMAPMailbox(configuration.mailboxConfiguration)
            let status = try mailbox.status()
            return Finding(
                healthy: true, subject: "imap",
                detail: "\(how): logged in; \(imap.mailbox) has \(status.messages) message(s), "
                    + "UIDVALIDITY \(status.uidValidity), UIDNEXT \(status.uidNext)")
        } catch {
            return Finding(healthy: false, subject: "imap", detail: "\(how): \(error.message)")
        }
    }

    private func checkSMTP() -> Finding {
        let smtp = configuration.smtp
        let how = "\(smtp.url)" + (smtp.user.map { " as \($0)" } ?? " without AUTH")
            + (smtp.requireTLS ? ", TLS required" : "")
        do {
            let sender = try SMTPSender(configuration.senderConfiguration)
            try sender.verifyLogin()
            return Finding(healthy: true, subject: "smtp", detail: "\(how): greeting, TLS and login accepted (no mail sent)")
        } catch {
            return Finding(healthy: false, subject: "smtp", detail: "\(how): \(error.message)")
        }
    }
}
