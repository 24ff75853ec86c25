import Foundation
import Gateway
import MIME
import MailTransport
import Mediation
import Store

/// A gateway of its own for one test, on the real local mail stack: its own address
/// (`g<tag>@mediation.test`, so its INBOX is nobody else's), its own SQLite file, the
/// repository's templates, and the real IMAP and SMTP clients.
final class GatewayUnderTest: Sendable {
    let tag: String
    let address: String
    let directory: URL
    let configuration: TruceConfiguration
    let context: GatewayContext
    let cycle: GatewayCycle

    init(clock: any Mediation.Clock = SystemClock(), extra: String = "") async throws {
        tag = LocalStack.uniqueTag()
        address = "g\(tag)@mediation.test"
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("truce-it-\(tag)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("truce.yaml").path
        try """
            gateway:
              address: \(address)
              name: Truce
              secret: integration-secret-\(tag)
            store:
              path: \(directory.appendingPathComponent("truce.sqlite").path)
            imap:
              url: imap://127.0.0.1:2143
              user: \(address)
              password: secret
              poll_seconds: 1
            smtp:
              url: smtp://127.0.0.1:2587
              user: \(address)
              password: secret
              connections: 4
            tls:
              ca_file: \(LocalStack.caFile)
            templates:
              directory: \(LocalStack.repository.appendingPathComponent("Templates").path)
            \(extra)
            """.write(toFile: file, atomically: true, encoding: .utf8)
        configuration = try await ConfigurationLoader.load(file: file, environment: [:])
        let store = try GatewayContext.openStore(configuration)
        context = try GatewayContext(configuration: configuration, store: store, clock: clock)
        cycle = GatewayCycle(
            context: context,
            mailbox: try IMAPMailbox(configuration.mailboxConfiguration),
            sender: try SMTPSender(configuration.senderConfiguration))
    }

    var store: MediationStore { context.store }

    /// One full cycle; fails the test on any stage failure.
    @discardableResult
    func runCycle() throws -> GatewayCycle.Report {
        let report = cycle.run()
        if let error = report.fetchError { throw CycleFailure(line: "IMAP: \(error.message)") }
        if !report.failures.isEmpty { throw CycleFailure(line: report.line) }
        return report
    }

    /// Runs cycles until `count` more inbound messages were recorded (mail sent to the
    /// gateway arrives asynchronously), then returns the last report.
    func runCycles(untilRecorded count: Int, seconds: Double = 20) throws {
        let before = try store.read { try $0.inboundCounts().values.reduce(0, +) }
        _ = try LocalStack.eventually("\(count) inbound message(s) at \(address)", seconds: seconds) {
            try runCycle()
            let now = try store.read { try $0.inboundCounts().values.reduce(0, +) }
            return now >= before + count ? true : nil
        }
    }

    struct CycleFailure: Error, CustomStringConvertible {
        var line: String
        var description: String { line }
    }

    /// The tagged personal address of a participant in a channel.
    func replyAddress(_ participant: Participant, in channel: Channel) -> String {
        context.addresses.replyAddress(caseNumber: channel.caseNumber, channel: channel.id, participant: participant.id)
    }

    /// The hold reasons recorded so far, oldest first.
    func heldReasons() throws -> [HoldReason] {
        try store.read { try $0.heldMessages(limit: 1000) }.map(\.reason).reversed()
    }
}
