import Foundation
import GRDB
import Mediation

/// A post as committed, with its attachments and the deliveries queued for it.
public struct CommittedPost: Sendable {
    public var post: Post
    public var attachments: [Attachment]
    public var deliveries: [Delivery]
}

extension StoreSession {
    /// Stores a post, its attachments and one queued delivery per recipient, and marks its
    /// inbound message processed — all in the current transaction, so that a post is never
    /// without its deliveries (invariant 2).
    ///
    /// - Parameters:
    ///   - recipients: participant ids; the database refuses anyone outside the post's
    ///     channel, and any delivery at all for the notes (invariant 3).
    ///   - stamp: the Message-ID of each copy, given its delivery id.
    public func commitPost(
        _ post: Post, attachments: [Attachment] = [], recipients: [Int64], at date: Date,
        stamp: (_ deliveryID: Int64, _ recipientID: Int64) throws -> String
    ) throws -> CommittedPost {
        if let inboundID = post.inboundID { try finish(inboundID: inboundID, as: .processed) }
        var post = post
        // A cached statement with positional arguments: the record path encodes every column
        // by name for each post, and Intake commits one post per message.
        try db.cachedStatement(sql: """
            INSERT INTO posts (id, case_number, channel_id, author_id, inbound_id, parent_id, kind, subject,
                               reply_text, full_text, created_at, template, context)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                post.id, post.caseNumber, post.channelID, post.authorID, post.inboundID, post.parentID,
                post.kind.rawValue, post.subject, post.replyText, post.fullText, StoredDate.value(post.createdAt), post.template,
                post.context,
            ])
        post.id = db.lastInsertedRowID
        let postID = db.lastInsertedRowID
        var storedAttachments: [Attachment] = []
        for var attachment in attachments {
            attachment.postID = postID
            try attachment.insert(db)
            storedAttachments.append(attachment)
        }
        // The id is chosen here, not by SQLite, because the copy's Message-ID carries it and
        // the column is NOT NULL. Writers are serialized and
        // deliveries are never deleted, so MAX + 1 is unique and increasing.
        var nextID = try Int64.fetchOne(db.cachedStatement(sql: "SELECT COALESCE(MAX(id), 0) + 1 FROM deliveries"))!
        var deliveries: [Delivery] = []
        // Formatted once: writing a date as text costs more than the rest of a delivery row.
        let stored = StoredDate.value(date)
        // A prepared statement rather than a record insert: a room post writes one row per
        // member, thousands for a large case.
        let insert = try db.cachedStatement(sql: """
            INSERT INTO deliveries (id, case_number, post_id, recipient_id, message_id, state, attempts,
                                    created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, 'queued', 0, ?, ?)
            """)
        for recipientID in recipients {
            let delivery = Delivery(
                id: nextID, caseNumber: post.caseNumber, postID: postID, recipientID: recipientID,
                messageID: ThreadingPlan.bare(try stamp(nextID, recipientID)),
                state: .queued, attempts: 0, createdAt: date, updatedAt: date)
            try insert.execute(arguments: [
                nextID, post.caseNumber, postID, recipientID, delivery.messageID, stored, stored,
            ])
            deliveries.append(delivery)
            nextID += 1
        }
        return CommittedPost(post: post, attachments: storedAttachments, deliveries: deliveries)
    }

    public func post(id: Int64) throws -> Post? {
        let statement = try db.cachedStatement(sql: """
            SELECT id, case_number, channel_id, author_id, inbound_id, parent_id, kind, subject, reply_text,
                   full_text, created_at, template, context
            FROM posts WHERE id = ?
            """)
        return try Row.fetchOne(statement, arguments: [id]).map(Self.post(row:))
    }

    /// A post read column by column, in the order of `post(id:)`'s SELECT: every copy a reply
    /// answers is looked up with its post, and the generic decoding cost more than the query.
    private static func post(row: Row) throws -> Post {
        guard let kind = Post.Kind(rawValue: row[6]) else { return try Post(row: row) }  // says what is wrong
        return Post(
            id: row[0], caseNumber: row[1], channelID: row[2], authorID: row[3], inboundID: row[4], parentID: row[5],
            kind: kind, subject: row[7], replyText: row[8], fullText: row[9], createdAt: row[10], template: row[11],
            context: row[12])
    }

    /// The posts of a channel, oldest first.
    public func posts(channelID: Int64) throws -> [Post] {
        try Post.filter(Post.Columns.channelID == channelID).order(Post.Columns.id).fetchAll(db)
    }

    public func attachments(postID: Int64) throws -> [Attachment] {
        try Attachment.filter(Attachment.Columns.postID == postID).fetchAll(db)
    }
}
