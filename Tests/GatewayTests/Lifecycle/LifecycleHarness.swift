import Foundation
import MIME
import MailTransport
import Mediation
import Store
@testable import Gateway

/// A clock a test moves by hand.
final class MovableClock: Mediation.Clock, @unchecked Sendable {
    private let lock = NSLock()
    private var instant: Date
    init(_ start: Date) { instant = start }
    var now: Date { lock.withLock { instant } }
    func set(_ date: Date) { lock.withLock { instant = date } }
    func advance(days: Double) { lock.withLock { instant = instant.addingTimeInterval(days * 86_400) } }
}

/// Keeps every message the Dispatcher hands it, and accepts them all.
final class LifecycleRecordingSender: MailSender, @unchecked Sendable {
    private let lock = NSLock()
    private var sent: [Envelope] = []
    func send(_ envelopes: [Envelope]) -> [SendOutcome] {
        lock.withLock { sent += envelopes }
        return envelopes.map { _ in .accepted(reply: "250 ok") }
    }
    var envelopes: [Envelope] { lock.withLock { sent } }
}

/// A gateway on an in-memory store with the repository's templates, a case with a
/// mediator, a company and consumers, and helpers to write mail to it and read what it sent.
struct LifecycleHarness {
    static let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Templates").path
    static let opening = ISO8601DateFormatter().date(from: "2026-12-01T10:00:00Z")!

    let clock: MovableClock
    let context: GatewayContext
    let sender = LifecycleRecordingSender()
    let caseRecord: Case
    let mediator: Participant
    let company: Participant
    let consumers: [Participant]

    init(consumers count: Int = 3, claims: [Money?] = [], language: Language = .fr, extra: String = "") async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("truce-lifecycle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("truce.yaml").path
        try """
            gateway:
              address: truce@mediation.test
              secret: lifecycle-secret-for-unit-tests
            imap:
              url: imaps://127.0.0.1:2993
              user: truce@mediation.test
              password: secret
            smtp:
              url: smtp://127.0.0.1:2587
            templates:
              directory: \(Self.templates)
            \(extra)
            """.write(toFile: file, atomically: true, encoding: .utf8)
        let configuration = try await ConfigurationLoader.load(file: file, environment: [:])
        clock = MovableClock(Self.opening)
        context = try GatewayContext(configuration: configuration, store: try MediationStore.inMemory(), clock: clock)
        let now = Self.opening
        (caseRecord, mediator, company, consumers) = try context.store.write { session in
            let caseRecord = try session.createCase(title: "Frais cachés", companyName: "Acme", language: language,
                                                    openedAt: now, roomDays: 30)
            let mediator = try session.addParticipant(caseNumber: caseRecord.number, role: .mediator,
                                                      address: "claire@mediator.test", displayName: "Claire Martin",
                                                      language: language, at: now)
            let company = try session.addParticipant(caseNumber: caseRecord.number, role: .company,
                                                     address: "legal@acme.test", displayName: "Acme (juridique)",
                                                     language: language, at: now)
            var consumers: [Participant] = []
            for index in 1...max(count, 1) where count > 0 {
                let consumer = try session.addParticipant(
                    caseNumber: caseRecord.number, role: .consumer, address: "client\(index)@consumer.test",
                    displayName: "Client \(index)", language: language, at: now)
                if index - 1 < claims.count, let claim = claims[index - 1] {
                    try session.setClaim(participantID: consumer.id, amount: claim, at: now)
                }
                consumers.append(consumer)
            }
            return (caseRecord, mediator, company, consumers)
        }
    }

    var store: MediationStore { context.store }

    /// The personal room address of a participant.
    func roomAddress(_ participant: Participant) throws -> String {
        let room = try store.read { try $0.room(caseNumber: caseRecord.number) }
        return context.addresses.replyAddress(caseNumber: caseRecord.number, channel: room.id, participant: participant.id)
    }

    /// Mail from `from` to `to`, taken in by Intake at the clock's time.
    func receive(from: String, to: String, subject: String = "Re: [Truce #1] Frais cachés", text: String,
                 inReplyTo: String? = nil) throws {
        var builder = MessageBuilder()
        builder.from = MailAddress(name: nil, address: from)
        builder.to = [MailAddress(name: nil, address: to)]
        builder.subject = subject
        builder.messageID = MessageBuilder.newMessageID(domain: "consumer.test")
        builder.date = clock.now
        if let inReplyTo { builder.inReplyTo = [inReplyTo] }
        builder.text = text + "\n"
        let raw = try builder.build()
        _ = try store.recordInbound(raw: raw, uidValidity: nil, uid: nil, messageID: builder.messageID,
                                    sha256: RawDigest.sha256Hex(raw), receivedAt: clock.now)
        _ = try Intake(context: context).run()
    }

    /// Sends everything due and returns what went out in this run, parsed, with its recipient.
    @discardableResult
    func dispatch() throws -> [(to: String, message: MailMessage)] {
        let before = sender.envelopes.count
        _ = try Dispatcher(context: context, sender: sender).run()
        return sender.envelopes.dropFirst(before).map { ($0.recipient, MailMessage(parsing: $0.message)) }
    }

    /// Runs the clock at the clock's time.
    @discardableResult
    func tick() throws -> Scheduler.Summary {
        try Scheduler(context: context).run()
    }
}

extension Array where Element == (to: String, message: MailMessage) {
    func to(_ address: String) -> [MailMessage] {
        filter { $0.to.lowercased() == address.lowercased() }.map(\.message)
    }
}

extension Array where Element == AuditEvent {
    /// The events other than the mail's own (posts written, copies and join letters sent):
    /// what a case's lifecycle did, for tests that pin its order.
    var lifecycle: [AuditEvent] {
        filter { !$0.kind.hasPrefix("post.") && !$0.kind.hasPrefix("delivery.") && $0.kind != "join.letter" }
    }
}
