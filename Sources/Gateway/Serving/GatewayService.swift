import Foundation
import Logging
import MailTransport
import ServiceLifecycle

/// `truce serve`: runs the gateway cycle every `imap.poll_seconds` until told to stop.
///
/// Reads and writes what the cycle does. On SIGTERM or SIGINT the cycle in flight finishes
/// (its transactions commit; nothing is cut in half) and the service returns. When the
/// IMAP server is unreachable, polls back off (doubling, up to five minutes) and the log
/// says so once, and once again when it is back, rather than on every poll.
public struct GatewayService: Service {
    let cycle: GatewayCycle
    let logger: Logger

    public init(cycle: GatewayCycle, logger: Logger) {
        self.cycle = cycle
        self.logger = logger
    }

    public func run() async throws {
        let poll = Duration.seconds(cycle.context.configuration.imap.pollSeconds)
        var wait = poll
        var health = ServerHealth()
        logger.info("serving \(cycle.context.configuration.gateway.address): polling every \(poll)")
        while !Task.isShuttingDownGracefully {
            let report = await Self.runOffThePool(cycle)
            for line in health.changes(after: report) { logger.notice("\(line)") }
            if report.fetched.recorded + report.intake.posted + report.intake.held + report.dispatched.sent
                + report.dispatched.failed > 0 || !report.failures.isEmpty {
                logger.info("\(report.line)")
            }
            wait = report.fetchError == nil ? poll : min(wait * 2, .seconds(300))
            let pause = wait
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: pause) }
        }
        logger.info("stopped cleanly")
    }

    /// libcurl and SQLite block; a cycle runs on a thread of its own so that the
    /// cooperative pool (two threads on a small machine) stays free for signal handling.
    public static func runOffThePool(_ cycle: GatewayCycle) async -> GatewayCycle.Report {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: cycle.run()) }
        }
    }
}

/// Remembers whether each server was reachable, to log transitions only.
struct ServerHealth {
    private var imapDown: String?
    private var smtpDeferring = false

    mutating func changes(after report: GatewayCycle.Report) -> [String] {
        var lines: [String] = []
        if let error = report.fetchError {
            if imapDown == nil { lines.append("IMAP unreachable, retrying with backoff: \(error.message)") }
            imapDown = error.message
        } else if imapDown != nil {
            lines.append("IMAP reachable again")
            imapDown = nil
        }
        let deferring = report.dispatched.deferred > 0 && report.dispatched.sent == 0
        if deferring && !smtpDeferring {
            lines.append("SMTP refusing for now: copies deferred and retried with backoff (truce outbox --state deferred)")
        } else if !deferring && smtpDeferring && report.dispatched.sent > 0 {
            lines.append("SMTP accepting again")
        }
        if report.dispatched.sent > 0 || !deferring { smtpDeferring = deferring }
        return lines
    }
}
