import Foundation
import Mediation
import Store

/// The mail side of a case's record: each post as it is written (`post.recorded`), and what
/// became of its copies (`delivery.outcomes`, `delivery.bounced`).
///
/// Outcomes are written in batches — one event per case for each batch the Dispatcher
/// commits, listing every copy of that batch that was sent or failed for good — because a
/// post to a room of 2,000 is 2,000 copies and an event each would double the writes of a
/// fan-out. Copies refused for now and retried later (`deferred`) are not outcomes yet;
/// they appear in the batch where they are sent or given up. Every event is written in the
/// transaction that records what it says.
extension CaseAudit {
    /// The `post.recorded` event of a post just committed with its deliveries.
    ///
    /// The payload names the post, its channel and author (a participant id; `gateway` for
    /// the gateway's own notices), the Message-ID of the mail it came from, the SHA-256 of
    /// what it says (subject, texts, template and values), and how many copies were queued.
    static func recordPost(_ committed: CommittedPost, session: StoreSession, at date: Date) throws {
        let post = committed.post
        var detail: [String: String] = [
            "post": String(post.id ?? 0),
            "channel": String(post.channelID),
            "kind": post.kind.rawValue,
            "author": post.authorID.map { String($0) } ?? "gateway",
            "deliveries": String(committed.deliveries.count),
            "sha256": contentDigest(of: post),
        ]
        if let template = post.template { detail["template"] = template }
        if !committed.attachments.isEmpty { detail["attachments"] = String(committed.attachments.count) }
        if let inboundID = post.inboundID, let messageID = try session.inboundMessageID(id: inboundID) {
            detail["message_id"] = messageID
        }
        try append(caseNumber: post.caseNumber, kind: "post.recorded", detail: detail, session: session, at: date)
    }

    /// The SHA-256 of a post's words, as the record keeps them: the export's mbox can be
    /// checked against it. Fields are length-prefixed so no two posts share an encoding.
    static func contentDigest(of post: Post) -> String {
        var bytes = Data()
        for field in [post.subject, post.replyText, post.fullText, post.template ?? "", post.context ?? ""] {
            let utf8 = Data(field.utf8)
            bytes.append(contentsOf: String(utf8.count).utf8)
            bytes.append(UInt8(ascii: ":"))
            bytes.append(utf8)
        }
        return RawDigest.sha256Hex(bytes)
    }

    /// One copy's outcome in a `delivery.outcomes` or `delivery.bounced` event.
    struct DeliveryOutcome: Codable, Equatable {
        /// `sent`, `failed`, or `gave_up` (transient refusals retried until the limit).
        var outcome: String
        var delivery: Int64
        var post: Int64
        var recipient: Int64
        /// The server's answer, for a failure only (sent copies would repeat "250 OK").
        var reply: String?
    }

    /// Records, per case, the outcome of the deliveries with these ids as they now stand
    /// (call it after writing them, in the same transaction). Copies still waiting or
    /// deferred are left for a later batch. `kind` is `delivery.outcomes` for the
    /// Dispatcher's batches, `delivery.bounced` for a bounce that failed a sent copy.
    static func recordDeliveries(_ ids: [Int64], kind: String = "delivery.outcomes",
                                 session: StoreSession, at date: Date) throws {
        var byCase: [Int64: [DeliveryOutcome]] = [:]
        for delivery in try session.deliveries(ids: ids) {
            let outcome: String
            switch delivery.state {
            case .sent: outcome = "sent"
            // The Dispatcher writes "gave up after N attempts: …" when retries run out.
            case .failed: outcome = delivery.lastReply?.hasPrefix("gave up") == true ? "gave_up" : "failed"
            case .queued, .deferred: continue
            }
            byCase[delivery.caseNumber, default: []].append(DeliveryOutcome(
                outcome: outcome, delivery: delivery.id!, post: delivery.postID, recipient: delivery.recipientID,
                reply: delivery.state == .failed ? String((delivery.lastReply ?? "").prefix(500)) : nil))
        }
        for (caseNumber, outcomes) in byCase.sorted(by: { $0.key < $1.key }) {
            try append(caseNumber: caseNumber, kind: kind, payload: DeliveryBatch(outcomes: outcomes), session: session, at: date)
        }
    }

    /// The payload of a batch: its counts first, for a reader skimming the export, then each copy.
    struct DeliveryBatch: Codable, Equatable {
        var sent: Int
        var failed: Int
        var outcomes: [DeliveryOutcome]

        init(outcomes: [DeliveryOutcome]) {
            self.outcomes = outcomes
            sent = outcomes.count { $0.outcome == "sent" }
            failed = outcomes.count - sent
        }
    }
}
