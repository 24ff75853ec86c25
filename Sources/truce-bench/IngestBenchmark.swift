// ingest: N replies from known participants wait in a fresh gateway's INBOX; the `curl`
// tool fetches every UID in one invocation (one reused connection), then the gateway's
// Fetcher and Intake take them all in (fetch, record raw, move, parse, route,
// authenticate, post with deliveries, commit). Prints both rates and the ratio.
// Not a test: numbers to read, from a release build on the local mail stack.
import Foundation
import Gateway
import MIME
import MailTransport
import Mediation
import Store

enum IngestBenchmark {
    static func run(_ args: [String]) async {
        let count = option("--count", in: args).flatMap(Int.init) ?? 2_000
        let rounds = Rounds.count(in: args)
        guard let stack = BenchGateway.stackDirectory(args) else {
            fail("no mail stack: start it with scripts/mailstack up, or pass --stack DIR")
        }
        do {
            try await Rounds.median(rounds, goal: "≥ 1.0×") { try await measure(count: count, stack: stack) }
        } catch {
            fail("ingest: \(error)")
        }
    }

    /// One round, with a gateway of its own; returns Truce's rate over curl's.
    static func measure(count: Int, stack: String) async throws -> Double {
        let gateway = try await BenchGateway(stack: stack, smtp: "  url: smtp://127.0.0.1:2525\n  require_tls: false")
        defer { gateway.cleanUp() }
        let (room, people) = try gateway.openCase(consumers: 5, sink: "isink-\(gateway.tag)")
        let consumers = people.filter { $0.role == .consumer }

        // The replies: 2–4 KB each, a few lines on top of the quoted room message, each from
        // a consumer to their own room address, as their mail client would write it.
        var rng = BenchRandom(seed: 2026)
        var envelopes: [Envelope] = []
        var bytes = 0
        for index in 0..<count {
            let author = consumers[index % consumers.count]
            let replyAddress = gateway.context.addresses.replyAddress(
                caseNumber: room.caseNumber, channel: room.id, participant: author.id)
            var builder = MessageBuilder()
            builder.from = MailAddress(name: author.displayName, address: author.originalAddress)
            builder.to = [MailAddress(name: "Truce", address: replyAddress)]
            builder.subject = "Re: [Truce #\(room.caseNumber)] Frais de résiliation"
            builder.messageID = "ingest.\(index).\(gateway.tag)@consumer.test"
            builder.inReplyTo = ["truce.\(index).room@mediation.test"]
            builder.date = Date()
            var text = BenchCorpus.paragraph(&rng, french: true, lines: Int.random(in: 2...8, using: &rng))
            let target = Int.random(in: 2_000...4_000, using: &rng)
            while text.utf8.count < target - 600 {
                text += BenchCorpus.quotedHistory(&rng, french: true)
            }
            builder.text = text
            let message = try builder.build()
            bytes += message.count
            envelopes.append(Envelope(sender: author.originalAddress, recipient: replyAddress, message: message))
        }
        print("ingest: \(count) replies, \(String(format: "%.1f", Double(bytes) / Double(count) / 1024)) KB on average, to \(gateway.address)")

        let relay = try SMTPSender(.init(url: "smtp://127.0.0.1:2525", requireTLS: false, caFile: gateway.caFile, connections: 4))
        let refused = relay.send(envelopes).filter { if case .accepted = $0 { false } else { true } }
        guard refused.isEmpty else { throw Problem("the relay refused \(refused.count) replies: \(refused[0])") }
        guard try gateway.waitFor(count, in: gateway.address) else {
            throw Problem("the \(count) replies did not all reach \(gateway.address)")
        }
        let mailbox = try IMAPMailbox(gateway.configuration.mailboxConfiguration)
        let uids = try mailbox.uids(after: 0)
        guard uids.count == count else { throw Problem("\(uids.count) messages in the INBOX, expected \(count)") }

        // The peer: one curl invocation fetching every UID over one connection. Run once
        // untimed, so that both sides meet a warm server, then once timed: each side is
        // measured once per round (the faster of two timed runs would favour curl).
        let urls = gateway.directory.appendingPathComponent("curl-urls.txt")
        try uids.map { "url = \"imap://127.0.0.1:2143/INBOX;UID=\($0)\"\n" }.joined()
            .write(to: urls, atomically: true, encoding: .utf8)
        func runCurl() throws {
            let sink = FileHandle(forWritingAtPath: "/dev/null")!
            let result = try BenchGateway.runTool("/usr/bin/curl", [
                "--silent", "--show-error", "--ssl-reqd", "--cacert", gateway.caFile,
                "--user", "\(gateway.address):secret", "--config", urls.path,
            ], output: sink)
            guard result.status == 0 else { throw Problem("curl exited with \(result.status)") }
        }
        try runCurl()
        let curlMeter = CPUMeter()
        let curlStart = ContinuousClock.now
        try runCurl()
        let curlSeconds = seconds(since: curlStart)
        let curlCPU = curlMeter.read()

        // Truce: one cycle's fetch and intake, as `serve --once` runs them: the Fetcher
        // records and moves every message while the Intake posts each one committed.
        let meter = CPUMeter()
        let start = ContinuousClock.now
        var report = GatewayCycle.Report()
        GatewayCycle(context: gateway.context, mailbox: try IMAPMailbox(gateway.configuration.mailboxConfiguration),
                     sender: relay).takeIn(into: &report)
        let truceSeconds = seconds(since: start)
        let truceCPU = meter.read()
        guard report.fetched.recorded == count, report.intake.posted == count, report.failures.isEmpty else {
            throw Problem("recorded \(report.fetched.recorded), posted \(report.intake.posted), held \(report.intake.held) of \(count); \(report.line)")
        }
        let deliveries = try gateway.context.store.deliveryCounts().values.reduce(0, +)

        let truceRate = Double(count) / truceSeconds
        let curlRate = Double(count) / curlSeconds
        print(String(format: "curl   fetch by UID:         %7.0f messages/s  (%.2f s, one connection)", curlRate, curlSeconds))
        print(String(format: "truce  fetch + intake:       %7.0f messages/s  (%.2f s; %d posts, %d deliveries queued)",
                     truceRate, truceSeconds, report.intake.posted, deliveries))
        print("  curl:  \(curlCPU.line(per: count, child: true))")
        print("  truce: \(truceCPU.line(per: count))")
        print(String(format: "ratio:                       %7.2f× (goal ≥ 1.0×)", truceRate / curlRate))
        return truceRate / curlRate
    }
}

struct Problem: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("truce-bench: \(message)\n".utf8))
    exit(1)
}
