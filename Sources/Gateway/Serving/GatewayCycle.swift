import Foundation
import Logging
import MailTransport

/// One turn of the gateway: fetch what arrived, take it in, run the rooms' clock, send
/// what is due.
///
/// Each stage reads durable rows and writes durable rows, so a cycle cut short anywhere is
/// finished by the next one. A stage whose server is unreachable is skipped with its error
/// reported; the others still run (mail already fetched is still taken in and answered).
public struct GatewayCycle: Sendable {
    public let context: GatewayContext
    public let mailbox: any Mailbox
    public let sender: any MailSender

    public init(context: GatewayContext, mailbox: any Mailbox, sender: any MailSender) {
        self.context = context
        self.mailbox = mailbox
        self.sender = sender
    }

    /// What a cycle did, and what went wrong, stage by stage.
    public struct Report: Sendable {
        public var fetched = Fetcher.Summary()
        public var intake = Intake.Summary()
        public var scheduled = Scheduler.Summary()
        public var dispatched = Dispatcher.Summary()
        /// The IMAP error that stopped fetching, if any.
        public var fetchError: TransportError?
        /// An error of the store or of a stage itself (not of a server).
        public var failures: [String] = []

        public init() {}

        /// One line for the log and for `serve --once`.
        public var line: String {
            var parts = [
                "fetched \(fetched.recorded) (\(fetched.duplicates) duplicate)",
                "posted \(intake.posted)", "held \(intake.held)",
                "reminded \(scheduled.reminders)", "closed \(scheduled.closed)",
                "sent \(dispatched.sent)", "deferred \(dispatched.deferred)", "failed \(dispatched.failed)",
            ]
            if let fetchError { parts.append("IMAP: \(fetchError.message)") }
            parts += failures
            return parts.joined(separator: ", ")
        }
    }

    public func run() -> Report {
        var report = Report()
        takeIn(into: &report)
        // After intake, so mail that arrived before the deadline is taken in first.
        do {
            report.scheduled = try Scheduler(context: context).run()
        } catch {
            report.failures.append("scheduler: \(error)")
        }
        do {
            report.dispatched = try Dispatcher(context: context, sender: sender).run()
        } catch {
            report.failures.append("dispatch: \(error)")
        }
        return report
    }

    /// Fetches and takes in at once: the Fetcher on a thread of its own, committing batch
    /// by batch, and Intake here, taking each batch as soon as it is committed. Fetching
    /// waits mostly on the IMAP server and intake on the processor, so the two together
    /// take about as long as the slower one. Intake also takes what earlier cycles left
    /// pending, and goes on when fetching fails (the mail already recorded is safe).
    public func takeIn(into report: inout Report, fetchBatch: Int = 100, intakeBatch: Int = 50) {
        let progress = FetchProgress()
        let fetcher = Fetcher(context: context, mailbox: mailbox)
        Thread.detachNewThread {
            progress.finish(Result { try fetcher.run(batch: fetchBatch, committed: progress.committed) })
        }
        do {
            report.intake = try Intake(context: context).run(batch: intakeBatch, alongside: progress)
        } catch {
            report.failures.append("intake: \(error)")
        }
        // Intake returns early only on a store error; the fetch is still waited for, so no
        // cycle ever leaves a thread writing behind it.
        switch progress.result() {
        case let .success(summary):
            report.fetched = summary
        case let .failure(error as TransportError):
            report.fetchError = error
        case let .failure(error):
            report.failures.append("fetch: \(error)")
        }
    }
}
