import Foundation
import GRDB
import Mediation
import Testing
@testable import Store

/// Deliveries written while the table still stored a bounce token: the migration that drops
/// the column rebuilds the table, and nothing of the outbox or its guards may be lost.
@Suite("Deliveries without a stored bounce token")
struct BounceTokenMigrationTests {
    let queue: DatabaseQueue
    let room: Channel
    let aside: Channel
    let mediator: Participant
    let consumer: Participant
    let expert: Participant

    /// A database as it was before the migration: a case, its room and an aside with the
    /// expert, and three copies (sent, queued, deferred), each with its bounce token.
    init() throws {
        queue = try DatabaseQueue()
        try StoreMigrations.migrator.migrate(queue, upTo: "v13-participants-by-case")
        let at = StoreFixture.opening
        (room, aside, mediator, consumer, expert) = try queue.write { db in
            let session = StoreSession(db: db)
            let number = try session.createCase(title: "Frais", companyName: "Acme", language: .fr, openedAt: at).number
            let mediator = try session.addParticipant(caseNumber: number, role: .mediator, address: "marie@mediation.example",
                                                      displayName: "Marie", language: .fr, at: at)
            let consumer = try session.addParticipant(caseNumber: number, role: .consumer, address: "jean@example.fr",
                                                      displayName: "Jean", language: .fr, at: at)
            let expert = try session.addParticipant(caseNumber: number, role: .expert, address: "expert@lab.example",
                                                    displayName: "Dr Expert", language: .en, at: at)
            let room = try session.room(caseNumber: number)
            let aside = try session.openAside(caseNumber: number, subject: "Devis", openedBy: mediator.id,
                                              memberIDs: [expert.id], at: at)
            let post = try session.commitPost(
                Post(caseNumber: number, channelID: room.id, authorID: mediator.id, kind: .message, subject: "Bonjour",
                     replyText: "Bonjour", fullText: "Bonjour", createdAt: at),
                recipients: [], at: at, stamp: StoreFixture.stamp).post
            let asidePost = try session.commitPost(
                Post(caseNumber: number, channelID: aside.id, authorID: mediator.id, kind: .message, subject: "Devis",
                     replyText: "Un devis ?", fullText: "Un devis ?", createdAt: at),
                recipients: [], at: at, stamp: StoreFixture.stamp).post
            let rows: [(Int64, Int64, String, Date?)] = [
                (post.id!, consumer.id, "sent", nil), (post.id!, mediator.id, "queued", nil),
                (asidePost.id!, expert.id, "deferred", at.addingTimeInterval(600)),
            ]
            for (index, (postID, recipientID, state, retryAt)) in rows.enumerated() {
                try db.execute(sql: """
                    INSERT INTO deliveries (id, case_number, post_id, recipient_id, message_id, bounce_token, state,
                                            attempts, retry_at, last_reply, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [index + 1, number, postID, recipientID, "old.\(index + 1)@mediation.test",
                                     "b-old\(index + 1)", state, state == "queued" ? 0 : 1, retryAt,
                                     state == "queued" ? nil : "250 ok", at, at])
            }
            return (room, aside, mediator, consumer, expert)
        }
    }

    @Test func everyCopyKeepsItsIdMessageIDAndState() throws {
        let store = try MediationStore(writer: queue)
        #expect(try store.appliedMigrations() == StoreMigrations.migrator.migrations)
        let columns = try queue.read { db in try db.columns(in: "deliveries").map(\.name) }
        #expect(!columns.contains("bounce_token"))
        let copies = try store.read { session in try (1...3).compactMap { try session.delivery(id: $0) } }
        #expect(copies.map(\.messageID) == ["old.1@mediation.test", "old.2@mediation.test", "old.3@mediation.test"])
        #expect(copies.map(\.state) == [.sent, .queued, .deferred])
        #expect(copies.map(\.recipientID) == [consumer.id, mediator.id, expert.id])
        #expect(copies[2].retryAt == StoreFixture.opening.addingTimeInterval(600))
        #expect(copies.map(\.lastReply) == ["250 ok", nil, "250 ok"])
        #expect(try store.read { try $0.sentCopy(messageID: "<old.3@mediation.test>") }?.channel.id == aside.id)
        #expect(try queue.read { db in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") }.isEmpty)
    }

    @Test func theIndexesAndTheMembershipGuardAreBack() throws {
        let store = try MediationStore(writer: queue)
        let schema = try queue.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE tbl_name = 'deliveries' AND sql IS NOT NULL")
        }
        #expect(Set(schema) == ["deliveries", "deliveries_due", "deliveries_by_recipient", "deliveries_members_only"])
        // The queue is still read through its index, and new copies number on from the old.
        #expect(try store.read { try $0.dueDeliveries(now: StoreFixture.opening.addingTimeInterval(600), limit: 10) }
            .map(\.id) == [2, 3])
        let at = StoreFixture.opening
        let next = try store.commitPost(
            Post(caseNumber: room.caseNumber, channelID: room.id, authorID: consumer.id, kind: .message, subject: "Re",
                 replyText: "Merci", fullText: "Merci", createdAt: at),
            recipients: [mediator.id], at: at, stamp: StoreFixture.stamp)
        #expect(next.deliveries.map(\.id) == [4])
        // Invariant 3 still holds in the database: no copy of a room post for the expert,
        // none of an aside post for someone outside it, one copy per recipient.
        #expect(throws: DatabaseError.self) {
            try store.commitPost(
                Post(caseNumber: room.caseNumber, channelID: room.id, authorID: consumer.id, kind: .message,
                     subject: "Re", replyText: "Leak", fullText: "Leak", createdAt: at),
                recipients: [expert.id], at: at, stamp: StoreFixture.stamp)
        }
        #expect(throws: DatabaseError.self) {
            try store.commitPost(
                Post(caseNumber: aside.caseNumber, channelID: aside.id, authorID: mediator.id, kind: .message,
                     subject: "Devis", replyText: "Leak", fullText: "Leak", createdAt: at),
                recipients: [consumer.id], at: at, stamp: StoreFixture.stamp)
        }
        #expect(throws: DatabaseError.self) {
            try store.writer.write { db in
                try db.execute(sql: """
                    INSERT INTO deliveries (case_number, post_id, recipient_id, message_id, created_at, updated_at)
                    VALUES (?, 1, ?, 'again@mediation.test', ?, ?)
                    """, arguments: [room.caseNumber, consumer.id, at, at])
            }
        }
    }
}
