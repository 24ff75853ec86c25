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
///
/// Each letter sent or given up is a `join.letter` event in its case's record, written in
/// the transaction that records the outcome, as `delivery.outcomes` is for participants'
/// copies: the request, the letter, its template, the outcome (`sent`, `failed` or
/// `gave_up`) and, for a failure, the server's answer. Never the requester's address: the
/// request holds it. A letter only deferred is not an outcome yet.
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
                        try record(mail, outcome: "sent", reply: nil, session: session, at: finished)
                        summary.sent += 1
                        progressed = true
                    case let .refused(error) where error.disposition == .retry
                        && finished.timeIntervalSince(mail.createdAt) < retryLimit:
                        let retryAt = finished.addingTimeInterval(Dispatcher.backoff(attempt: mail.attempts + 1))
                        try session.markJoinMail(id: id, state: .deferred, reply: error.message, retryAt: retryAt, at: finished)
                        summary.deferred += 1
                    case let .refused(error):
                        try session.markJoinMail(id: id, state: .failed, reply: error.message, retryAt: nil, at: finished)
                        try record(mail, outcome: error.disposition == .retry ? "gave_up" : "failed", reply: error.message,
                                   session: session, at: finished)
                        summary.failed += 1
                        progressed = true
                    }
                }
            }
            // Everything refused for now (the server is down): leave the rest for the next cycle.
            if !progressed { return }
        }
    }

    /// The `join.letter` event of one letter sent or given up.
    private func record(_ mail: JoinMail, outcome: String, reply: String?, session: StoreSession, at date: Date) throws {
        guard let request = try session.joinRequest(id: mail.requestID) else { return }
        var detail = ["request": String(mail.requestID), "letter": String(mail.id!), "template": mail.template,
                      "outcome": outcome]
        if let reply { detail["reply"] = String(reply.prefix(500)) }
        try CaseAudit.append(caseNumber: request.caseNumber, kind: "join.letter", detail: detail, session: session, at: date)
    }
}
