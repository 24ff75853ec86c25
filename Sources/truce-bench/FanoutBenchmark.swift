// fanout: one room post to N consumers, rendered and sent by the Dispatcher (one copy per
// recipient, Mustache footer, MessageBuilder, committed as `sent`) on smtp.connections
// connections into the local Postfix, against Postfix's `smtp-source` sending N messages
// of the same size at the same concurrency to the same server. Prints both rates and the
// ratio. Every recipient is a plus-address of one sink mailbox, so Dovecot has one INBOX
// to fill. Not a test: numbers to read, from a release build on the local mail stack.
//
// `--chunk N` commits N copies together instead of the Dispatcher's default.
// `--compose-only` needs no mail stack: the Dispatcher writes and commits every copy but
// hands them to a server that accepts without sending, so the rate is Truce's own work per
// copy, the part that competes with Postfix for the processors (and the part to profile).
import Foundation
import Gateway
import MailTransport
import Mediation
import Store
import Synchronization

enum FanoutBenchmark {
    static func run(_ args: [String]) async {
        let count = option("--count", in: args).flatMap(Int.init) ?? 2_000
        let connections = option("--connections", in: args).flatMap(Int.init) ?? 4
        let submission = args.contains("--submission")
        let chunk = option("--chunk", in: args).flatMap(Int.init)
        if args.contains("--compose-only") {
            do {
                try await composeOnly(count: count, connections: connections, chunk: chunk)
            } catch {
                fail("fanout: \(error)")
            }
            return
        }
        guard let stack = BenchGateway.stackDirectory(args) else {
            fail("no mail stack: start it with scripts/mailstack up, or pass --stack DIR")
        }
        do {
            try await Rounds.median(Rounds.count(in: args), goal: "≥ 0.8×") {
                try await measure(count: count, connections: connections, chunk: chunk, submission: submission, stack: stack)
            }
        } catch {
            fail("fanout: \(error)")
        }
    }

    /// The same post and room, with no server: every copy written and committed, none sent.
    static func composeOnly(count: Int, connections: Int, chunk: Int?) async throws {
        // The configuration names a CA file; an empty one will do, nothing connects.
        let stack = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("truce-bench-nostack-\(getpid())")
        try FileManager.default.createDirectory(at: stack.appendingPathComponent("tls"), withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: stack.appendingPathComponent("tls/ca.crt").path, contents: Data())
        defer { try? FileManager.default.removeItem(at: stack) }
        let gateway = try await BenchGateway(
            stack: stack.path, smtp: "  url: smtp://127.0.0.1:2525\n  require_tls: false\n  connections: \(connections)")
        defer { gateway.cleanUp() }
        try relayOnePost(gateway: gateway, count: count, sink: "fsink-\(gateway.tag)")
        let sender = AcceptingSender()
        let start = ContinuousClock.now
        let summary = try Dispatcher(context: gateway.context, sender: sender).run(chunk: chunk)
        let elapsed = seconds(since: start)
        guard summary.sent == count else { throw Problem("sent \(summary.sent), deferred \(summary.deferred), failed \(summary.failed)") }
        print(String(format: "fanout --compose-only: %d copies written and committed in %.2f s: %.0f copies/s, %.0f µs each (%d bytes each)",
                     count, elapsed, Double(count) / elapsed, elapsed * 1e6 / Double(count), sender.bytes / max(count, 1)))
    }

    /// One consumer's post in a room of `count` other members, committed with its deliveries.
    static func relayOnePost(gateway: BenchGateway, count: Int, sink: String) throws {
        // The author is a consumer too: the others, the mediator and the company make `count`.
        let (room, people) = try gateway.openCase(consumers: count - 1, sink: sink)
        let author = people.first { $0.role == .consumer }!
        let now = gateway.context.clock.now
        let committed = try gateway.context.store.write { session in
            let text = String(repeating: "Acme m'a facturé 120 € de frais de résiliation alors que mon contrat était terminé depuis deux mois.\n", count: 20)
            let post = Post(
                caseNumber: room.caseNumber, channelID: room.id, authorID: author.id, kind: .message,
                subject: "Re: Frais de résiliation", replyText: text, fullText: text, createdAt: now)
            return try gateway.context.postOffice.relay(post, in: room, session: session, at: now)
        }
        guard committed.deliveries.count == count else {
            throw Problem("\(committed.deliveries.count) deliveries for \(count) recipients")
        }
    }

    /// One round, with a gateway of its own; returns Truce's rate over smtp-source's.
    static func measure(count: Int, connections: Int, chunk: Int?, submission: Bool, stack: String) async throws -> Double {
        let smtp = submission
            ? "  url: smtp://127.0.0.1:2587\n  user: bench@mediation.test\n  password: secret\n  connections: \(connections)"
            : "  url: smtp://127.0.0.1:2525\n  require_tls: false\n  connections: \(connections)"
        let gateway = try await BenchGateway(stack: stack, smtp: smtp)
        defer { gateway.cleanUp() }
        let sink = "fsink-\(gateway.tag)"
        try relayOnePost(gateway: gateway, count: count, sink: sink)
        // Opening a case of 2,000 left its pages in the write-ahead log: fold them into the
        // database now, so the measured run does not pay for setting up the room.
        try gateway.context.store.checkpoint()
        print("fanout: one room post to \(count) recipients, \(connections) connections, \(submission ? "submission (STARTTLS + AUTH)" : "relay port")")

        // Truce first: the Dispatcher sends every copy and commits each outcome.
        let sender = MeasuringSender(try SMTPSender(gateway.configuration.senderConfiguration))
        let start = ContinuousClock.now
        let truceMeter = CPUMeter()
        let summary = try Dispatcher(context: gateway.context, sender: sender).run(chunk: chunk)
        let truceCPU = truceMeter.read()
        let truceSeconds = seconds(since: start)
        guard summary.sent == count else { throw Problem("sent \(summary.sent), deferred \(summary.deferred), failed \(summary.failed)") }
        let size = sender.bytes / max(sender.messages, 1)
        // Both sides start with Postfix's queue drained.
        let sinkAddress = "\(sink)@consumer.test"
        guard try gateway.waitFor(count, in: sinkAddress) else { throw Problem("the copies did not all reach \(sinkAddress)") }

        // The peer: smtp-source at the same concurrency, messages of the same size (its
        // -l counts the body only; its own four header lines are subtracted).
        let from = "bench-\(gateway.tag)@mediation.test"
        let to = "\(sink)+peer@consumer.test"
        let peerHeaders = "From: <\(from)>\r\nTo: <\(to)>\r\nDate: Sat, 28 Nov 2026 16:14:57 +0000 (UTC)\r\nMessage-Id: <1037.0003.0000@vm>\r\n\r\n".utf8.count
        let peerStart = ContinuousClock.now
        let peerMeter = CPUMeter()
        let peer = try BenchGateway.runTool("/usr/sbin/smtp-source", [
            "-l", "\(max(size - peerHeaders, 1))", "-m", "\(count)", "-s", "\(connections)",
            "-f", from, "-t", to, "127.0.0.1:2525",
        ])
        let peerSeconds = seconds(since: peerStart)
        let peerCPU = peerMeter.read()
        guard peer.status == 0 else { throw Problem("smtp-source exited with \(peer.status)") }
        _ = try gateway.waitFor(2 * count, in: sinkAddress)

        // Where the time goes: the same copies, already written, through the SMTP client alone.
        let copies = sender.recorded
        let rawStart = ContinuousClock.now
        let rawMeter = CPUMeter()
        let rawOutcomes = try SMTPSender(gateway.configuration.senderConfiguration).send(copies)
        let rawSeconds = seconds(since: rawStart)
        let rawCPU = rawMeter.read()
        let rawAccepted = rawOutcomes.filter { if case .accepted = $0 { true } else { false } }.count
        // Leave Postfix's queue drained, so that a benchmark run next starts as this one did.
        _ = try gateway.waitFor(2 * count + rawAccepted, in: sinkAddress)

        let truceRate = Double(count) / truceSeconds
        let peerRate = Double(count) / peerSeconds
        print(String(format: "smtp-source:                 %7.0f messages/s  (%.2f s, %d sessions, %d bytes each; %@)",
                     peerRate, peerSeconds, connections, size, peerCPU.line(per: count, child: true)))
        print(String(format: "truce  Dispatcher:           %7.0f messages/s  (%.2f s, %d connections, %d bytes each, rendered and committed; %@)",
                     truceRate, truceSeconds, connections, size, truceCPU.line(per: count)))
        print(String(format: "ratio:                       %7.2f× (goal ≥ 0.8×)", truceRate / peerRate))
        print(String(format: "  of which SMTP client alone: %6.0f messages/s  (%.2f s, the same %d copies already written; %d accepted; %@)",
                     Double(copies.count) / rawSeconds, rawSeconds, copies.count, rawAccepted, rawCPU.line(per: copies.count)))
        return truceRate / peerRate
    }
}

/// Accepts every envelope without sending it, counting bytes: the Dispatcher's own cost.
final class AcceptingSender: MailSender {
    private let total = Mutex(0)

    func send(_ envelopes: [Envelope]) -> [SendOutcome] {
        total.withLock { $0 += envelopes.reduce(0) { $0 + $1.message.count } }
        return envelopes.map { _ in .accepted(reply: "250 2.0.0 Ok: kept") }
    }

    var bytes: Int { total.withLock { $0 } }
}

/// Passes envelopes through to the real sender, counting the bytes of what it sends.
final class MeasuringSender: MailSender {
    let sender: SMTPSender
    private let totals = Mutex((messages: 0, bytes: 0, envelopes: [Envelope]()))

    init(_ sender: SMTPSender) { self.sender = sender }

    func send(_ envelopes: [Envelope]) -> [SendOutcome] {
        totals.withLock { totals in
            totals.messages += envelopes.count
            totals.bytes += envelopes.reduce(0) { $0 + $1.message.count }
            totals.envelopes += envelopes
        }
        return sender.send(envelopes)
    }

    var messages: Int { totals.withLock { $0.messages } }
    var bytes: Int { totals.withLock { $0.bytes } }
    var recorded: [Envelope] { totals.withLock { $0.envelopes } }
}
