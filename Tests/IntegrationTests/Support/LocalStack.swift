import Foundation
import MIME
import MailTransport
import Testing

/// The project's local Postfix and Dovecot (`scripts/mailstack`). Integration suites run
/// only when `TRUCE_MAILSTACK_DIR` names its directory, as `scripts/test` does.
enum LocalStack {
    static let directory = ProcessInfo.processInfo.environment["TRUCE_MAILSTACK_DIR"] ?? ""
    static var isUp: Bool { !directory.isEmpty }
    static var caFile: String { "\(directory)/tls/ca.crt" }
    static let password = "secret"
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Ordinary mail clients send through the relay port without logging in.
    static func relay() throws -> SMTPSender {
        try SMTPSender(.init(url: "smtp://127.0.0.1:2525", requireTLS: false, caFile: caFile, connections: 2))
    }

    static func mailbox(of address: String) throws -> IMAPMailbox {
        try IMAPMailbox(.init(
            url: "imaps://127.0.0.1:2993", username: address, password: password, requireTLS: true, caFile: caFile))
    }

    /// A short random tag: addresses of one test never meet another test's.
    static func uniqueTag() -> String {
        String(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(8))
    }

    /// Waits until `condition` holds, checking every 50 ms for at most `seconds`: mail
    /// crosses Postfix and Dovecot asynchronously, so tests await its arrival, not a delay.
    @discardableResult
    static func eventually<T>(
        _ what: String, seconds: Double = 20, _ condition: () throws -> T?
    ) throws -> T {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            if let value = try condition() { return value }
            if Date() > deadline { throw Timeout(what: what) }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    struct Timeout: Error, CustomStringConvertible {
        var what: String
        var description: String { "timed out waiting for \(what)" }
    }
}

/// One party's real mailbox on the local stack: reads it over IMAPS, writes like a mail
/// client (a reply goes to the Reply-To, threads with In-Reply-To/References, quotes the
/// original below).
struct Party {
    let name: String
    let address: String

    init(_ name: String, domain: String, tag: String) {
        self.name = name
        address = "\(name.lowercased().replacingOccurrences(of: " ", with: "."))-\(tag)@\(domain)"
    }

    var mailbox: String { "\(name) <\(address)>" }

    /// Every message in the inbox, oldest first, raw.
    func inboxRaw() throws -> [Data] {
        let box = try LocalStack.mailbox(of: address)
        return try box.uids(after: 0).map { try box.fetch(uid: $0) }
    }

    func inbox() throws -> [MailMessage] {
        try inboxRaw().map { MailMessage(parsing: $0) }
    }

    /// Waits until the inbox holds `count` messages and returns them.
    @discardableResult
    func awaitInbox(count: Int, seconds: Double = 20) throws -> [MailMessage] {
        try LocalStack.eventually("\(count) message(s) for \(address)", seconds: seconds) {
            let messages = try inbox()
            return messages.count >= count ? messages : nil
        }
    }

    /// Replies to `original` as a mail client would; `from` lets a test forge the sender.
    func reply(to original: MailMessage, text: String, from: String? = nil, to override: String? = nil,
               extraHeaders: [(String, String)] = []) throws {
        var builder = MessageBuilder()
        builder.from = MailAddress(name: name, address: from ?? address)
        let target = override ?? (original.replyTo.first ?? original.from.first)!.address
        builder.to = [MailAddress(name: nil, address: target)]
        let subject = original.subject ?? ""
        builder.subject = subject.lowercased().hasPrefix("re:") ? subject : "Re: \(subject)"
        builder.messageID = MessageBuilder.newMessageID(domain: String(address.split(separator: "@")[1]))
        builder.date = Date()
        builder.inReplyTo = original.messageID.map { [$0] } ?? []
        builder.references = original.references + (original.messageID.map { [$0] } ?? [])
        for (name, value) in extraHeaders { builder.addHeader(name, value) }
        let quoted = (original.text ?? "").split(separator: "\n", omittingEmptySubsequences: false)
            .map { "> \($0)" }.joined(separator: "\n")
        builder.text = "\(text)\n\nOn Mon, 2 Nov 2026 at 10:00, \(target) wrote:\n\(quoted)\n"
        try send(builder, envelopeFrom: from ?? address, to: target)
    }

    /// Writes a new message (not a reply).
    func write(to recipient: String, subject: String, text: String, headers: [(String, String)] = [],
               envelopeFrom: String? = nil) throws {
        var builder = MessageBuilder()
        builder.from = MailAddress(name: name, address: address)
        builder.to = [MailAddress(name: nil, address: recipient)]
        builder.subject = subject
        builder.messageID = MessageBuilder.newMessageID(domain: String(address.split(separator: "@")[1]))
        builder.date = Date()
        for (name, value) in headers { builder.addHeader(name, value) }
        builder.text = text + "\n"
        try send(builder, envelopeFrom: envelopeFrom ?? address, to: recipient)
    }

    private func send(_ builder: MessageBuilder, envelopeFrom: String, to recipient: String) throws {
        let outcome = try LocalStack.relay().send([Envelope(sender: envelopeFrom, recipient: recipient, message: builder.build())])
        guard case .accepted = outcome.first else { throw SendFailure(outcome: "\(outcome)") }
    }

    struct SendFailure: Error { var outcome: String }
}
