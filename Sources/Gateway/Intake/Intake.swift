import Foundation
import Logging
import MIME
import Mediation
import Store

/// Intake: turns each pending inbound message into a post, or into a held message.
///
/// Reads the inbound rows in state `pending`, oldest first. For each, all or nothing:
/// screen (bounces, auto-replies, loops) ▸ find the channel (signed tag, else the ids of
/// mail the gateway sent) ▸ authenticate (From must be the tag's participant) ▸ authorize
/// (member of the channel, case open) ▸ post, with one delivery per recipient; or hold,
/// with its reason. A known participant whose mail is refused gets one notice per reason
/// per day; nobody else ever gets an answer (no backscatter).
///
/// On failure: that message's savepoint rolls back and nothing of it is written. A message
/// that cannot be processed at all is held as `unroutable` with the error in its detail, so
/// it never blocks the ones behind it and the operator sees it in `truce held`.
public struct Intake: Sendable {
    let context: GatewayContext

    public init(context: GatewayContext) {
        self.context = context
    }

    /// What one run did, for the log and for `serve --once`.
    public struct Summary: Sendable, Equatable {
        public var posted = 0
        public var held = 0
        public var failed = 0
    }

    /// Processes every pending inbound message, `batch` at a time.
    public func run(batch: Int = 50) throws -> Summary {
        try run(batch: batch, alongside: nil)
    }

    /// With `fetching`, also what a Fetcher running alongside commits, until it is done.
    ///
    /// Rows are read by id, oldest first, one batch ahead of the one being written, so the
    /// next batch is read and parsed on another core meanwhile (`IntakeReadAhead`). A message
    /// that could be neither posted nor held stays pending and is passed over until the next run.
    func run(batch: Int, alongside fetching: FetchProgress?) throws -> Summary {
        var summary = Summary()
        var lastID: Int64 = 0
        var next = IntakeReadAhead(after: lastID, size: batch, alongside: fetching, context: context)
        while true {
            let current = try next.take()
            guard let currentLast = current.lastID else {
                // Nothing pending: done, unless a Fetcher alongside may still commit more.
                guard let fetching, let fetched = current.fetched, !fetched.finished else { break }
                fetching.wait(beyond: fetched.commits)
                next = IntakeReadAhead(after: lastID, size: batch, alongside: fetching, context: context)
                continue
            }
            lastID = currentLast
            next = IntakeReadAhead(after: lastID, size: batch, alongside: fetching, context: context)
            if let tally = try? postAll(current.messages) {
                summary.posted += tally.posted
                summary.held += tally.held
            } else {
                try postEach(current.messages, into: &summary)
            }
        }
        return summary
    }

    /// The whole batch in one transaction, no savepoint: the usual case, where every message
    /// is posted or held. A savepoint per message journals every page the message touches
    /// a second time, and its release costs as much as a delivery row. Throws, having written
    /// nothing, when any message fails; `postEach` then takes the batch message by message.
    private func postAll(_ batch: [(inbound: InboundMessage, reading: InboundReading)]) throws -> Summary {
        try context.store.write { session in
            var tally = Summary()
            for (inbound, reading) in batch {
                if try process(inbound, reading: reading, session: session, now: context.clock.now) {
                    tally.posted += 1
                } else {
                    tally.held += 1
                }
            }
            return tally
        }
    }

    /// One transaction for the batch, one savepoint per message: a message that fails undoes
    /// only its own writes and is held as `unroutable`, and the others are taken in.
    private func postEach(_ batch: [(inbound: InboundMessage, reading: InboundReading)], into summary: inout Summary) throws {
        try context.store.write { session in
            for (inbound, reading) in batch {
                let id = inbound.id!
                do {
                    let posted = try session.savepoint {
                        try process(inbound, reading: reading, session: session, now: context.clock.now)
                    }
                    if posted { summary.posted += 1 } else { summary.held += 1 }
                } catch {
                    summary.failed += 1
                    context.logger.error("intake: inbound \(id) could not be processed: \(error)")
                    do {
                        _ = try session.savepoint {
                            try session.hold(
                                inboundID: id, reason: .unroutable, detail: "could not be processed: \(error)",
                                at: context.clock.now)
                        }
                    } catch {
                        context.logger.error("intake: inbound \(id) could not be held either; it stays pending: \(error)")
                    }
                }
            }
        }
    }

    /// One message, inside the caller's transaction. Returns true when it was posted.
    func process(_ inbound: InboundMessage, reading: InboundReading, session: StoreSession, now: Date) throws -> Bool {
        let inboundID = inbound.id!
        let handling = Handling(intake: self, session: session, inboundID: inboundID, reading: reading, now: now)

        if let verdict = reading.screening {
            let detail = verdict == .bounce ? try handling.recordBounce() : "from \(reading.from ?? "nobody")"
            try handling.hold(verdict.holdReason, detail: detail, noticeTo: nil)
            return false
        }

        let route = try handling.route()
        let target: (participant: Participant, channel: Channel)
        switch route {
        case let .refused(reason, detail, noticeTo):
            try handling.hold(reason, detail: detail, noticeTo: noticeTo)
            return false
        case let .bounce(deliveryID):
            let detail = try handling.recordBounce(deliveryID: deliveryID)
            try handling.hold(.bounce, detail: detail, noticeTo: nil)
            return false
        case let .ballot(offerID, addressed, choice):
            return try handling.castBallot(choice, offerID: offerID, addressed: addressed)
        case let .join(caseNumber):
            return try handling.takeJoinRequest(caseNumber: caseNumber)
        case let .joinConfirmation(requestID):
            return try handling.confirmJoin(requestID: requestID)
        case let .channel(participant, channel):
            target = (participant, channel)
        }

        // The address is a password that can be forwarded: the sender must be its owner.
        let sender = Participant.matchingForm(of: reading.from ?? "")
        guard sender == target.participant.address else {
            try handling.hold(
                .senderMismatch, detail: "token of participant \(target.participant.id) used by \(sender)",
                noticeTo: target.participant, channel: target.channel)
            return false
        }
        if case let .refuse(detail) = context.authentication.verdict(headers: reading.headers) {
            try handling.hold(.authenticationFailed, detail: detail, noticeTo: nil)
            return false
        }
        guard let caseRecord = try session.case(number: target.channel.caseNumber) else {
            try handling.hold(.badToken, detail: "case \(target.channel.caseNumber) does not exist", noticeTo: nil)
            return false
        }
        if try handling.takeProtocoleReview(as: target.participant, in: target.channel, caseRecord: caseRecord) { return true }
        if case let .refuse(reason) = Authorization.decide(
            caseState: caseRecord.state, author: target.participant, channel: target.channel,
            tokenParticipant: target.participant.id) {
            try handling.hold(reason, detail: "channel \(target.channel.id)", noticeTo: target.participant,
                              channel: target.channel)
            return false
        }
        if inbound.raw.count > context.configuration.mediation.maxMessageMB * 1_048_576 {
            try handling.hold(.tooLarge, detail: "\(inbound.raw.count) bytes", noticeTo: target.participant,
                              channel: target.channel)
            return false
        }
        return try handling.post(as: target.participant, in: target.channel, caseRecord: caseRecord)
    }
}
