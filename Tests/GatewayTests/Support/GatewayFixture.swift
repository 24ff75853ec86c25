import Foundation
import GRDB
import MIME
import MailTransport
import Mediation
import Store
@testable import Gateway

/// A gateway on an in-memory store, with a hand-moved clock, a fake INBOX and a recording
/// SMTP server; the configuration is a real YAML file read by the real loader, and the
/// templates are the repository's own.
final class GatewayFixture: Sendable {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let gatewayAddress = "truce@mediation.test"

    let context: GatewayContext
    let clock: TestClock
    let sender = RecordingSender()
    let mailbox = FakeMailbox()

    /// - Parameters:
    ///   - mediation: more keys of the `mediation:` section, indented by two spaces.
    ///   - trustedAuthservID: `gateway.trusted_authserv_id`.
    init(mediation: String = "", trustedAuthservID: String? = nil) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("truce-gwt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("truce.yaml").path
        try """
            gateway:
              address: \(Self.gatewayAddress)
              name: Truce
              secret: unit-test-secret-of-sufficient-length
            \(trustedAuthservID.map { "  trusted_authserv_id: \($0)" } ?? "")
            imap:
              url: imap://127.0.0.1:1
              user: \(Self.gatewayAddress)
              password: secret
            smtp:
              url: smtp://127.0.0.1:1
              connections: 2
            mediation:
              room_days: 30
              max_days: 90
              max_attachment_mb: 1
            \(mediation)
            templates:
              directory: \(Self.repository.appendingPathComponent("Templates").path)
            """.write(toFile: file, atomically: true, encoding: .utf8)
        let configuration = try await ConfigurationLoader.load(file: file, environment: [:])
        let clock = TestClock()
        self.clock = clock
        context = try GatewayContext(configuration: configuration, store: try MediationStore.inMemory(), clock: clock)
    }

    var store: MediationStore { context.store }
    var now: Date { clock.now }

    // MARK: Cases

    /// Opens a case the way the operator does: every participant is welcomed from their
    /// personal room address, so each has the root of their room thread.
    func openCase(
        title: String = "Frais de résiliation", language: Language = .fr, consumers: Int = 2,
        lawyer: Bool = true, expert: Bool = true, tag: String = "", welcome: Bool = true
    ) throws -> TestCase {
        let now = clock.now
        return try store.write { session in
            let record = try session.createCase(
                title: title, companyName: "Acme", language: language, openedAt: now, roomDays: 30)
            func add(_ role: Role, _ name: String, _ address: String, _ language: Language = language) throws -> Participant {
                try session.addParticipant(
                    caseNumber: record.number, role: role, address: address, displayName: name,
                    language: language, at: now)
            }
            let n = record.number
            let mediator = try add(.mediator, "Claire Martin", "claire\(tag).\(n)@mediator.test")
            let company = try add(.company, "Acme (service juridique)", "legal\(tag).\(n)@acme.test")
            let consumerRows = try (0..<consumers).map { index in
                try add(.consumer, "Client \(index + 1)", "client\(index + 1)\(tag).\(n)@consumer.test")
            }
            let lawyerRow = lawyer ? try add(.lawyer, "Maître Durand", "durand\(tag).\(n)@avocats.test") : nil
            let expertRow = expert ? try add(.expert, "Jane Roe", "jane\(tag).\(n)@lab.test") : nil
            let room = try session.room(caseNumber: n)
            let everyone = [mediator, company] + consumerRows + [lawyerRow].compactMap { $0 }
            if welcome {
                for participant in everyone {
                    try context.postOffice.notice("welcome", kind: .welcome, to: [participant], in: room, session: session, at: now)
                }
            }
            return TestCase(
                record: record, room: room, notes: try session.notes(caseNumber: n), mediator: mediator,
                company: company, consumers: consumerRows, lawyer: lawyerRow, expert: expertRow)
        }
    }

    /// Opens an aside the way `/aside` does (members greeted, the mediator included).
    func openAside(in testCase: TestCase, with members: [Participant], subject: String? = nil) throws -> Channel {
        let now = clock.now
        return try store.write { session in
            try AsideOpening(context: context, session: session, now: now).open(
                caseRecord: testCase.record, subject: subject, openedBy: testCase.mediator.id, members: members)
        }
    }

    func replyAddress(_ participant: Participant, in channel: Channel) -> String {
        context.addresses.replyAddress(caseNumber: channel.caseNumber, channel: channel.id, participant: participant.id)
    }

    func participant(_ id: Int64) throws -> Participant {
        try require_(try store.participant(id: id), "participant \(id)")
    }

    // MARK: Mail in

    /// Records `mail` in the inbound ledger as the Fetcher would; returns its inbound id.
    @discardableResult
    func receive(_ mail: InboundMail) throws -> Int64 {
        try receive(raw: try mail.raw())
    }

    @discardableResult
    func receive(raw: Data) throws -> Int64 {
        let outcome = try store.recordInbound(
            raw: raw, uidValidity: nil, uid: nil, messageID: MailMessage(parsing: raw).messageID,
            sha256: RawDigest.sha256Hex(raw), receivedAt: clock.now)
        guard case let .new(id) = outcome else { throw FixtureError("recorded as a duplicate") }
        return id
    }

    @discardableResult
    func intake() throws -> Intake.Summary {
        try Intake(context: context).run()
    }

    /// Receives one mail and runs Intake; returns what happened to it.
    func process(_ mail: InboundMail) throws -> Outcome {
        let before = try allDeliveries().count
        let id = try receive(mail)
        try intake()
        let held = try store.read { try $0.heldMessage(inboundID: id) }
        let post = try postMade(from: id)
        let added = try Array(allDeliveries().dropFirst(before))
        return Outcome(inboundID: id, held: held, post: post, newDeliveries: added)
    }

    @discardableResult
    func dispatch() throws -> Dispatcher.Summary {
        try Dispatcher(context: context, sender: sender).run()
    }

    /// Runs SQL directly, for what no public operation does (a crash, a full disk).
    func execute(_ sql: String, _ arguments: StatementArguments = []) throws {
        try store.writer.write { db in try db.execute(sql: sql, arguments: arguments) }
    }

    // MARK: Looking at rows

    func postMade(from inboundID: Int64) throws -> Post? {
        try store.writer.read { db in try Post.filter(Post.Columns.inboundID == inboundID).fetchOne(db) }
    }

    func post(_ id: Int64) throws -> Post? {
        try store.read { try $0.post(id: id) }
    }

    func allDeliveries() throws -> [Delivery] {
        try store.writer.read { db in try Delivery.order(Delivery.Columns.id).fetchAll(db) }
    }

    func deliveries(ofPost postID: Int64) throws -> [Delivery] {
        try store.writer.read { db in try Delivery.filter(Delivery.Columns.postID == postID).order(Delivery.Columns.id).fetchAll(db) }
    }

    func delivery(_ id: Int64) throws -> Delivery? {
        try store.delivery(id: id)
    }

    /// The template of the post behind a delivery (nil for a participant's message).
    func template(of delivery: Delivery) throws -> String? {
        try post(delivery.postID)?.template
    }

    // MARK: Mail out

    /// Messages accepted for `address`, parsed, in sending order.
    func copies(to address: String) -> [MailMessage] {
        sender.accepted.filter { $0.recipient.lowercased() == address.lowercased() }.map { MailMessage(parsing: $0.message) }
    }
}

/// What Intake did with one message.
struct Outcome {
    var inboundID: Int64
    var held: HeldMessage?
    var post: Post?
    /// Deliveries written while it was processed (the post's, and any notices).
    var newDeliveries: [Delivery]

    var reason: HoldReason? { held?.reason }
    var recipientIDs: Set<Int64> { Set(newDeliveries.map(\.recipientID)) }
}

/// A case with its parties.
struct TestCase: Sendable {
    var record: Case
    var room: Channel
    var notes: Channel
    var mediator: Participant
    var company: Participant
    var consumers: [Participant]
    var lawyer: Participant?
    var expert: Participant?

    var number: Int64 { record.number }
    var everyone: [Participant] { [mediator, company] + consumers + [lawyer, expert].compactMap { $0 } }
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// `#require` for helpers outside a test body.
func require_<T>(_ value: T?, _ what: String) throws -> T {
    guard let value else { throw FixtureError("missing \(what)") }
    return value
}
