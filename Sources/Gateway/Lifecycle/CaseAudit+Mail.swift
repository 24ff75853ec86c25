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
        RawDigest.sha256Hex(lengthPrefixed: [post.subject, post.replyText, post.fullText, post.template ?? "", post.context ?? ""])
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

    /// What became of one copy, as the Dispatcher wrote it.
    enum CopyOutcome {
        case sent
        /// Refused for good by the server (5xx), or never written.
        case failed(reply: String)
        /// Refused for now until the retry limit ran out.
        case gaveUp(reply: String)
    }

    /// The outcomes of one batch, gathered as they are written and appended per case in
    /// the same transaction: built from what the writer knows, never read back.
    struct DeliveryRecord {
        let kind: String
        private var byCase: [Int64: [DeliveryOutcome]] = [:]

        init(kind: String = "delivery.outcomes") { self.kind = kind }

        mutating func add(_ outcome: CopyOutcome, delivery: Delivery) {
            let label: String, reply: String?
            switch outcome {
            case .sent: (label, reply) = ("sent", nil)
            case let .failed(text): (label, reply) = ("failed", text)
            case let .gaveUp(text): (label, reply) = ("gave_up", text)
            }
            byCase[delivery.caseNumber, default: []].append(DeliveryOutcome(
                outcome: label, delivery: delivery.id!, post: delivery.postID, recipient: delivery.recipientID,
                reply: reply.map { String($0.prefix(500)) }))
        }

        func append(session: StoreSession, at date: Date) throws {
            for (caseNumber, outcomes) in byCase.sorted(by: { $0.key < $1.key }) {
                try CaseAudit.append(caseNumber: caseNumber, kind: kind, payload: DeliveryBatch(outcomes: outcomes),
                                     session: session, at: date)
            }
        }
    }

    /// Records a bounce that failed a copy the server had accepted (`delivery.bounced`),
    /// after the delivery row says so, in the same transaction.
    static func recordBounce(_ delivery: Delivery, reply: String, session: StoreSession, at date: Date) throws {
        var record = DeliveryRecord(kind: "delivery.bounced")
        record.add(.failed(reply: reply), delivery: delivery)
        try record.append(session: session, at: date)
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
