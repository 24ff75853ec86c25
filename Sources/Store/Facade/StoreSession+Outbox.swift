import Foundation
import GRDB
import Mediation
import Synchronization

private let lastStamp = Mutex<(Date, DatabaseValue)?>(nil)

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
    ///
    /// Read column by column rather than through the record's decoder: the Dispatcher reads
    /// every delivery of a fan-out this way, and decoding by name cost as much as writing
    /// the copy.
    public func dueDeliveries(now: Date, limit: Int) throws -> [Delivery] {
        let statement = try db.cachedStatement(sql: """
            SELECT id, case_number, post_id, recipient_id, message_id, state, attempts, retry_at,
                   last_reply, created_at, updated_at
            FROM deliveries
            WHERE state = 'queued' OR (state = 'deferred' AND retry_at <= ?)
            ORDER BY id LIMIT ?
            """)
        return try Row.fetchAll(statement, arguments: [now, limit]).map { row in
            // The schema's CHECK allows only the four states; anything else is a damaged file.
            guard let state = Delivery.State(rawValue: row[5]) else {
                throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "delivery \(row[0] as Int64) has an unknown state")
            }
            return Delivery(
                id: row[0], caseNumber: row[1], postID: row[2], recipientID: row[3], messageID: row[4],
                state: state, attempts: row[6], retryAt: row[7], lastReply: row[8],
                createdAt: row[9], updatedAt: row[10])
        }
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
        let statement = try db.cachedStatement(sql: """
            UPDATE deliveries SET state = ?, attempts = attempts + 1, retry_at = ?, last_reply = ?, updated_at = ?
            WHERE id = ?
            """)
        try statement.execute(arguments: [state.rawValue, retryAt, reply, stamp(date), id])
        guard db.changesCount == 1 else { throw StoreError.noSuchDelivery(id) }
    }

    /// `date` as stored. Formatting a date for SQLite goes through a date formatter, slow on
    /// Linux, and the Dispatcher records a whole chunk of outcomes under one date: the last
    /// one formatted is kept.
    private func stamp(_ date: Date) -> DatabaseValue {
        if let (last, value) = lastStamp.withLock({ $0 }), last == date { return value }
        let value = StoredDate.value(date)
        lastStamp.withLock { $0 = (date, value) }
        return value
    }

    public func delivery(id: Int64) throws -> Delivery? {
        try Delivery.fetchOne(db, key: id)
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
        // A cached statement: every reply that names a Message-ID of ours looks here.
        let byMessageID = try db.cachedStatement(sql: "SELECT * FROM deliveries WHERE message_id = ?")
        guard let delivery = try Delivery.fetchOne(byMessageID, arguments: [ThreadingPlan.bare(messageID)]),
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
        let links = try threadLinks(endingAt: postID)
        let copies = try copyMessageIDs(postIDs: links.map(\.postID), recipientIDs: [recipientID])
        return links.compactMap { link in
            copies[link.postID]?[recipientID] ?? (link.authorID == recipientID ? link.originalMessageID : nil)
        }
    }
}

/// One post of a thread, as threading needs it: who wrote it and under which Message-ID
/// their original came in.
public struct ThreadLink: Sendable, Equatable {
    public var postID: Int64
    public var authorID: Int64?
    /// The Message-ID of the author's own message, when the post came in by mail.
    public var originalMessageID: String?
}

extension StoreSession {
    /// The chain of posts ending at `postID` (inclusive), root first: the same for every
    /// recipient of a post that answers it, so a fan-out reads it once.
    public func threadLinks(endingAt postID: Int64) throws -> [ThreadLink] {
        try Row.fetchAll(db, sql: """
            WITH RECURSIVE chain(id, parent_id, depth) AS (
                SELECT id, parent_id, 0 FROM posts WHERE id = ?
                UNION ALL
                SELECT p.id, p.parent_id, chain.depth + 1 FROM posts p JOIN chain ON p.id = chain.parent_id
                WHERE chain.depth < 1000
            )
            SELECT p.id, p.author_id, i.message_id
            FROM chain
            JOIN posts p ON p.id = chain.id
            LEFT JOIN inbound i ON i.id = p.inbound_id
            ORDER BY chain.depth DESC
            """, arguments: [postID]).map { ThreadLink(postID: $0[0], authorID: $0[1], originalMessageID: $0[2]) }
    }

    /// The Message-IDs of the copies of `postIDs` sent to `recipientIDs`, by post then by
    /// recipient: one query for a whole chunk of a fan-out instead of one per copy.
    public func copyMessageIDs(postIDs: [Int64], recipientIDs: [Int64]) throws -> [Int64: [Int64: String]] {
        var found: [Int64: [Int64: String]] = [:]
        guard !postIDs.isEmpty, !recipientIDs.isEmpty else { return found }
        let rows = try Row.fetchCursor(db, sql: """
            SELECT post_id, recipient_id, message_id FROM deliveries
            WHERE post_id IN (SELECT value FROM json_each(?)) AND recipient_id IN (SELECT value FROM json_each(?))
            """, arguments: [Self.jsonList(postIDs), Self.jsonList(recipientIDs)])
        while let row = try rows.next() {
            found[row[0], default: [:]][row[1]] = row[2]
        }
        return found
    }

    /// Each recipient's first copy in a channel (their welcome, or the aside's opening): the
    /// root every later copy in that channel refers to, so the channel is one thread in their
    /// client even for posts whose parent they never got. One query for many recipients.
    public func rootCopyMessageIDs(channelID: Int64, recipientIDs: [Int64]) throws -> [Int64: String] {
        var found: [Int64: String] = [:]
        guard !recipientIDs.isEmpty else { return found }
        let rows = try Row.fetchCursor(db, sql: """
            SELECT r.value,
                   (SELECT d.message_id FROM deliveries d JOIN posts p ON p.id = d.post_id
                    WHERE p.channel_id = ? AND d.recipient_id = r.value ORDER BY d.id LIMIT 1)
            FROM json_each(?) r
            """, arguments: [channelID, Self.jsonList(recipientIDs)])
        while let row = try rows.next() {
            if let id: String = row[1] { found[row[0]] = id }
        }
        return found
    }

    /// Ids as a JSON array, for `json_each`: one statement whatever the number of ids.
    private static func jsonList(_ ids: [Int64]) -> String {
        "[" + ids.map(String.init).joined(separator: ",") + "]"
    }
}
