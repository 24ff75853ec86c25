import Foundation
import MailTransport
import Store

/// Sends the letters to people asking to join, who are not participants yet and so have
/// no deliveries: the Dispatcher drains this after the participants' copies.
///
/// Reads `join_mail` rows `queued`, and `deferred` whose time has come; writes each one's
/// outcome in one transaction per chunk: `sent`, `deferred` with the Dispatcher's backoff
/// on a transient refusal, `failed` on a permanent one or after `retryLimit`. Nobody is
/// told of a failure: the requester is not a participant and the letter was not asked for
/// by the mediator. On a crash, the chunk in flight is sent again with the same Message-ID.
struct JoinPostbox {
    let context: GatewayContext
    let sender: any MailSender
    var retryLimit: TimeInterval

    /// Sends everything due, adding the outcomes to `summary`.
    func drain(into summary: inout Dispatcher.Summary, chunk: Int = 64) throws {
        while true {
            let now = context.clock.now
            let due = try context.store.read { try $0.dueJoinMail(now: now, limit: chunk) }
            if due.isEmpty { return }
            // Bounces come back to the bare gateway address, where screening holds them.
            let envelopes = due.map {
                Envelope(sender: context.addresses.gateway.address, recipient: $0.recipient, message: $0.raw)
            }
            let outcomes = sender.send(envelopes)
            let finished = context.clock.now
            var progressed = false
            try context.store.write { session in
                for (mail, outcome) in zip(due, outcomes) {
                    let id = mail.id!
                    switch outcome {
                    case let .accepted(reply):
                        try session.markJoinMail(id: id, state: .sent, reply: reply, retryAt: nil, at: finished)
                        summary.sent += 1
                        progressed = true
                    case let .refused(error) where error.disposition == .retry
                        && finished.timeIntervalSince(mail.createdAt) < retryLimit:
                        let retryAt = finished.addingTimeInterval(Dispatcher.backoff(attempt: mail.attempts + 1))
                        try session.markJoinMail(id: id, state: .deferred, reply: error.message, retryAt: retryAt, at: finished)
                        summary.deferred += 1
                    case let .refused(error):
                        try session.markJoinMail(id: id, state: .failed, reply: error.message, retryAt: nil, at: finished)
                        summary.failed += 1
                        progressed = true
                    }
                }
            }
            // Everything refused for now (the server is down): leave the rest for the next cycle.
            if !progressed { return }
        }
    }
}
