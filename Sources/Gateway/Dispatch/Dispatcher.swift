import Foundation
import MIME
import MailTransport
import Mediation
import Store

/// Dispatcher: sends every delivery that is due, on the SMTP server's parallel connections.
///
/// Reads deliveries `queued`, and `deferred` whose `retry_at` has come, oldest first, a
/// chunk at a time. Writes each one's outcome in one transaction per chunk: `sent` with the
/// server's reply; `deferred` with exponential backoff and jitter on a transient refusal
/// (server down, 4xx); `failed` on a permanent one (5xx), or when retries have run for
/// `retryLimit`, and then the case's mediator is told once.
///
/// On a crash, the chunk in flight is still `queued` and is sent again on restart with the
/// same Message-ID (the copy is rendered from the same rows): a duplicate can only happen
/// between the server's acceptance and the commit, and it is recognisable (invariant 2).
public struct Dispatcher: Sendable {
    let context: GatewayContext
    let sender: any MailSender
    /// How long a transiently refused copy keeps being retried before it is given up.
    public var retryLimit: TimeInterval = 3 * 86_400

    public init(context: GatewayContext, sender: any MailSender) {
        self.context = context
        self.sender = sender
    }

    /// What one run did.
    public struct Summary: Sendable, Equatable {
        public var sent = 0
        public var deferred = 0
        public var failed = 0
    }

    /// Sends everything due now; `chunk` copies are committed together.
    ///
    /// Writing copies and sending them overlap: while one chunk is on the wire, the next is
    /// rendered, so a fan-out is limited by the SMTP server rather than by the two in turn.
    public func run(chunk: Int? = nil) throws -> Summary {
        let size = chunk ?? max(16, context.configuration.smtp.connections * 16)
        var summary = Summary()
        var shelf = CopyShelf()
        var inFlight: Chunk?
        while true {
            let now = context.clock.now
            let busy = Set(((inFlight?.sendable ?? []) + (inFlight?.unwritable.map(\.0) ?? [])).map { $0.id! })
            let due = try context.store.read { try $0.dueDeliveries(now: now, limit: size + busy.count) }
                .filter { !busy.contains($0.id!) }.prefix(size)
            var next = Chunk()
            try context.store.read { session in
                let copies = shelf.compose(Array(due), context: context, session: session, date: now)
                for (delivery, copy) in zip(due, copies) {
                    do {
                        let message = try copy.get()
                        next.envelopes.append(Envelope(
                            sender: context.addresses.bounceAddress(delivery: delivery.id!),
                            recipient: try shelf.recipient(of: delivery, session: session).originalAddress,
                            message: message))
                        next.sendable.append(delivery)
                    } catch {
                        next.unwritable.append((delivery, "\(error)"))
                    }
                }
            }
            let finishing = inFlight != nil
            if let previous = inFlight {
                inFlight = nil
                let before = summary
                try finish(previous, summary: &summary)
                if summary.sent == before.sent && summary.deferred > before.deferred && summary.failed == before.failed {
                    // Everything in that chunk was refused for now (the server is down): the
                    // rest would be too. Leave it, unsent, for the next cycle.
                    break
                }
            }
            // Finishing a chunk can queue new copies (the mediator told of a failure): look again.
            if due.isEmpty {
                if finishing { continue }
                break
            }
            // The posts and deliveries sent are on disk before any copy leaves: a power cut
            // cannot undo a post whose copies went out (they would be sent again under
            // other Message-IDs).
            if !next.envelopes.isEmpty { try context.store.makeDurable() }
            next.start(on: sender)
            inFlight = next
        }
        try JoinPostbox(context: context, sender: sender, retryLimit: retryLimit).drain(into: &summary)
        return summary
    }

    /// Waits for a chunk's outcomes and records them in one transaction.
    private func finish(_ chunk: Chunk, summary: inout Summary) throws {
        let outcomes = chunk.outcomes()
        let finished = context.clock.now
        try context.store.write { session in
            // The record of this chunk is built from what was just written, not read back.
            var audit = CaseAudit.DeliveryRecord()
            for (delivery, outcome) in zip(chunk.sendable, outcomes) {
                if let written = try record(outcome, for: delivery, session: session, now: finished, summary: &summary) {
                    audit.add(written, delivery: delivery)
                }
            }
            for (delivery, problem) in chunk.unwritable {
                let reply = "not sent: \(problem)"
                try session.markFailed(deliveryID: delivery.id!, reply: reply, at: finished)
                summary.failed += 1
                audit.add(.failed(reply: reply), delivery: delivery)
            }
            try audit.append(session: session, at: finished)
        }
    }

    /// The copies of one chunk, and their sending on a thread of its own.
    private struct Chunk {
        var envelopes: [Envelope] = []
        var sendable: [Delivery] = []
        var unwritable: [(Delivery, String)] = []
        private var job: SendJob?

        mutating func start(on sender: any MailSender) {
            guard !envelopes.isEmpty else { return }
            let job = SendJob()
            let envelopes = self.envelopes
            Thread.detachNewThread {
                job.result = sender.send(envelopes)
                job.done.signal()
            }
            self.job = job
        }

        func outcomes() -> [SendOutcome] {
            guard let job else { return [] }
            job.done.wait()
            return job.result
        }
    }

    /// One `send` running on another thread: its result is written once, before `done` is
    /// signalled, and read only after waiting on it.
    private final class SendJob: @unchecked Sendable {
        var result: [SendOutcome] = []
        let done = DispatchSemaphore(value: 0)
    }

    /// Writes one copy's outcome; returns it for the case's record unless the copy was
    /// only deferred (it is not an outcome yet).
    private func record(
        _ outcome: SendOutcome, for delivery: Delivery, session: StoreSession, now: Date, summary: inout Summary
    ) throws -> CaseAudit.CopyOutcome? {
        let id = delivery.id!
        switch outcome {
        case let .accepted(reply):
            try session.markSent(deliveryID: id, reply: reply, at: now)
            summary.sent += 1
            return .sent
        case let .refused(error) where error.disposition == .retry:
            if now.timeIntervalSince(delivery.createdAt) >= retryLimit {
                let reply = "gave up after \(delivery.attempts + 1) attempts: \(error.message)"
                try session.markFailed(deliveryID: id, reply: reply, at: now)
                try FailureReport(context: context, session: session, now: now).tellMediator(delivery: delivery, reply: reply)
                summary.failed += 1
                return .gaveUp(reply: reply)
            } else {
                let retryAt = now.addingTimeInterval(Self.backoff(attempt: delivery.attempts + 1))
                try session.markDeferred(deliveryID: id, reply: error.message, retryAt: retryAt, at: now)
                summary.deferred += 1
                return nil
            }
        case let .refused(error):
            try session.markFailed(deliveryID: id, reply: error.message, at: now)
            try FailureReport(context: context, session: session, now: now).tellMediator(delivery: delivery, reply: error.message)
            summary.failed += 1
            return .failed(reply: error.message)
        }
    }

    /// One minute after the first refusal, doubling each time, at most six hours, with ±20%
    /// jitter so that copies refused together do not all come back together.
    static func backoff(attempt: Int) -> TimeInterval {
        let base = min(60 * pow(2, Double(max(attempt, 1) - 1)), 6 * 3600)
        return base * Double.random(in: 0.8...1.2)
    }
}
