import Foundation
import GRDB
import Mediation

/// A copy the gateway sent, found from its Message-ID: what a reply without a tag answers.
public struct SentCopy: Sendable {
    public var delivery: Delivery
    public var post: Post
    public var channel: Channel
    public var recipient: Participant
}

extension StoreSession {
    /// Deliveries to attempt now: queued ones, and deferred ones whose retry time has come,
    /// oldest first.
    public func dueDeliveries(now: Date, limit: Int) throws -> [Delivery] {
        try Delivery.filter(
            Delivery.Columns.state == Delivery.State.queued.rawValue
                || (Delivery.Columns.state == Delivery.State.deferred.rawValue && Delivery.Columns.retryAt <= now))
            .order(Delivery.Columns.id).limit(limit).fetchAll(db)
    }

    public func markSent(deliveryID: Int64, reply: String?, at date: Date) throws {
        try update(deliveryID, state: .sent, reply: reply, retryAt: nil, at: date)
    }

    public func markDeferred(deliveryID: Int64, reply: String?, retryAt: Date, at date: Date) throws {
        try update(deliveryID, state: .deferred, reply: reply, retryAt: retryAt, at: date)
    }

    public func markFailed(deliveryID: Int64, reply: String?, at date: Date) throws {
        try update(deliveryID, state: .failed, reply: reply, retryAt: nil, at: date)
    }

    /// One statement per outcome, without reading the row first: a fan-out records
    /// thousands of them.
    private func update(_ id: Int64, state: Delivery.State, reply: String?, retryAt: Date?, at date: Date) throws {
        try db.execute(
            sql: """
                UPDATE deliveries SET state = ?, attempts = attempts + 1, retry_at = ?, last_reply = ?, updated_at = ?
                WHERE id = ?
                """,
            arguments: [state.rawValue, retryAt, reply, date, id])
        guard db.changesCount == 1 else { throw StoreError.noSuchDelivery(id) }
    }

    public func delivery(id: Int64) throws -> Delivery? {
        try Delivery.fetchOne(db, key: id)
    }

    public func delivery(bounceToken: String) throws -> Delivery? {
        try Delivery.filter(Delivery.Columns.bounceToken == bounceToken.lowercased()).fetchOne(db)
    }

    /// Deliveries in a state, oldest first, for `truce outbox`.
    public func deliveries(state: Delivery.State, limit: Int = 100) throws -> [Delivery] {
        try Delivery.filter(Delivery.Columns.state == state.rawValue).order(Delivery.Columns.id).limit(limit).fetchAll(db)
    }

    /// How many deliveries are in each state, for one case or all.
    public func deliveryCounts(caseNumber: Int64? = nil) throws -> [Delivery.State: Int] {
        if let caseNumber {
            return try counts(sql: "SELECT state, COUNT(*) FROM deliveries WHERE case_number = ? GROUP BY state",
                              arguments: [caseNumber])
        }
        return try counts(sql: "SELECT state, COUNT(*) FROM deliveries GROUP BY state")
    }

    /// The copy the gateway sent under `messageID` (brackets allowed), with its post,
    /// channel and recipient; nil when the gateway never sent it.
    public func sentCopy(messageID: String) throws -> SentCopy? {
        guard let delivery = try Delivery.filter(Delivery.Columns.messageID == ThreadingPlan.bare(messageID)).fetchOne(db),
              let post = try post(id: delivery.postID),
              let channel = try channel(id: post.channelID),
              let recipient = try participant(id: delivery.recipientID)
        else { return nil }
        return SentCopy(delivery: delivery, post: post, channel: channel, recipient: recipient)
    }

    /// The Message-ID of `recipientID`'s copy of a post, for threading.
    public func copyMessageID(postID: Int64, recipientID: Int64) throws -> String? {
        try String.fetchOne(db, sql: "SELECT message_id FROM deliveries WHERE post_id = ? AND recipient_id = ?",
                            arguments: [postID, recipientID])
    }

    /// The Message-IDs the recipient knows for the chain of posts ending at `postID`
    /// (inclusive), root first: their own copies, or their original message for posts they
    /// wrote. Posts they never received are left out. Feed this to `ThreadingPlan`.
    public func threadMessageIDs(endingAt postID: Int64, recipientID: Int64) throws -> [String] {
        try String.fetchAll(db, sql: """
            WITH RECURSIVE chain(id, parent_id, depth) AS (
                SELECT id, parent_id, 0 FROM posts WHERE id = ?
                UNION ALL
                SELECT p.id, p.parent_id, chain.depth + 1 FROM posts p JOIN chain ON p.id = chain.parent_id
                WHERE chain.depth < 1000
            )
            SELECT COALESCE(d.message_id, CASE WHEN p.author_id = ? THEN i.message_id END) AS known
            FROM chain
            JOIN posts p ON p.id = chain.id
            LEFT JOIN deliveries d ON d.post_id = chain.id AND d.recipient_id = ?
            LEFT JOIN inbound i ON i.id = p.inbound_id
            WHERE known IS NOT NULL
            ORDER BY chain.depth DESC
            """, arguments: [postID, recipientID, recipientID])
    }
}
