import Foundation
import GRDB
import Mediation
import Testing
@testable import Store

@Suite("Posts and the outbox")
struct OutboxTests {
    struct Crash: Error {}

    @Test("a post, its attachments and one delivery per recipient commit together, and the inbound is processed")
    func commit() throws {
        let fixture = try StoreFixture()
        guard case let .new(inboundID) = try fixture.inbound("hello", messageID: "in@x", uid: 1) else { Issue.record("expected new"); return }
        let recipients = fixture.room.recipients(ofPostBy: fixture.consumer1, among: try fixture.store.members(of: fixture.room))
        let committed = try fixture.store.commitPost(
            fixture.message(in: fixture.room, by: fixture.consumer1, inbound: inboundID),
            attachments: [Attachment(filename: "facture.pdf", contentType: "application/pdf", bytes: Data([1, 2, 3])),
                          Attachment(droppedFilename: "virus.exe", contentType: "application/x-msdownload", size: 10, reason: "dangerous type")],
            recipients: recipients.map(\.id), at: StoreFixture.opening, stamp: StoreFixture.stamp)
        #expect(Set(committed.deliveries.map(\.recipientID)) == [fixture.mediator.id, fixture.company.id, fixture.consumer2.id])
        #expect(committed.deliveries.allSatisfy { $0.messageID.hasPrefix("d") && !$0.messageID.hasPrefix("<") && $0.state == .queued })
        #expect(try fixture.store.read { try $0.attachments(postID: committed.post.id!) }.count == 2)
        #expect(try fixture.store.inboundCounts() == [.processed: 1])
        #expect(try fixture.store.deliveryCounts(caseNumber: fixture.caseFile.number) == [.queued: 3])
    }

    @Test("a failure in the middle leaves neither post nor deliveries, and the inbound pending")
    func atomic() throws {
        let fixture = try StoreFixture()
        guard case let .new(inboundID) = try fixture.inbound("hello", messageID: "in@x", uid: 1) else { Issue.record("expected new"); return }
        var stamped = 0
        #expect(throws: Crash.self) {
            try fixture.store.commitPost(fixture.message(in: fixture.room, by: fixture.consumer1, inbound: inboundID),
                                         recipients: [fixture.mediator.id, fixture.company.id, fixture.consumer2.id],
                                         at: StoreFixture.opening) { deliveryID, recipientID in
                stamped += 1
                if stamped == 2 { throw Crash() }
                return StoreFixture.stamp(deliveryID, recipientID)
            }
        }
        #expect(stamped == 2)
        #expect(try fixture.store.read { try Int.fetchOne($0.db, sql: "SELECT COUNT(*) FROM posts") } == 0)
        #expect(try fixture.store.deliveryCounts().isEmpty)
        #expect(try fixture.store.pendingInbound(limit: 10).map(\.id) == [inboundID])
    }

    @Test("a second delivery of the same post to the same recipient is refused")
    func onePerRecipient() throws {
        let fixture = try StoreFixture()
        #expect(throws: DatabaseError.self) {
            try fixture.store.commitPost(fixture.message(in: fixture.room, by: fixture.consumer1),
                                         recipients: [fixture.mediator.id, fixture.mediator.id],
                                         at: StoreFixture.opening, stamp: StoreFixture.stamp)
        }
    }

    @Test("the database refuses copies for non-members of an aside, experts in the room, and anyone for the notes")
    func membersOnly() throws {
        let fixture = try StoreFixture()
        let aside = try fixture.store.openAside(caseNumber: fixture.caseFile.number, subject: "Refund", openedBy: fixture.mediator.id,
                                                memberIDs: [fixture.company.id], at: StoreFixture.opening)
        let notes = try fixture.store.read { try $0.notes(caseNumber: fixture.caseFile.number) }
        let attempts: [(Channel, Participant)] = [(aside, fixture.consumer1), (fixture.room, fixture.expert), (notes, fixture.mediator)]
        for (channel, recipient) in attempts {
            #expect(throws: DatabaseError.self, "\(channel.kind) to \(recipient.displayName)") {
                try fixture.store.commitPost(fixture.message(in: channel, by: nil), recipients: [recipient.id],
                                             at: StoreFixture.opening, stamp: StoreFixture.stamp)
            }
        }
        let allowed = try fixture.store.commitPost(fixture.message(in: aside, by: fixture.mediator), recipients: [fixture.company.id],
                                                   at: StoreFixture.opening, stamp: StoreFixture.stamp)
        #expect(allowed.deliveries.count == 1)
    }

    @Test("due deliveries are the queued ones and the deferred ones whose time has come")
    func due() throws {
        let fixture = try StoreFixture()
        let now = StoreFixture.opening
        let committed = try fixture.store.commitPost(fixture.message(in: fixture.room, by: fixture.consumer1),
                                                     recipients: [fixture.mediator.id, fixture.company.id, fixture.consumer2.id],
                                                     at: now, stamp: StoreFixture.stamp)
        let ids = committed.deliveries.map { $0.id! }
        try fixture.store.markSent(deliveryID: ids[0], reply: "250 ok", at: now)
        try fixture.store.markDeferred(deliveryID: ids[1], reply: "451 later", retryAt: now.addingTimeInterval(600), at: now)
        #expect(try fixture.store.dueDeliveries(now: now, limit: 10).map(\.id) == [ids[2]])
        #expect(try fixture.store.dueDeliveries(now: now.addingTimeInterval(600), limit: 10).map(\.id) == [ids[1], ids[2]])
        #expect(try fixture.store.dueDeliveries(now: now.addingTimeInterval(600), limit: 1).map(\.id) == [ids[1]])
        try fixture.store.markFailed(deliveryID: ids[2], reply: "550 no such user", at: now)
        let failed = try #require(try fixture.store.delivery(id: ids[2]))
        #expect(failed.attempts == 1 && failed.lastReply == "550 no such user")
        #expect(try fixture.store.deliveryCounts() == [.sent: 1, .deferred: 1, .failed: 1])
    }

    @Test("a Message-ID the gateway sent leads back to its post, channel and recipient")
    func sentCopy() throws {
        let fixture = try StoreFixture()
        let committed = try fixture.store.commitPost(fixture.message(in: fixture.room, by: fixture.consumer1),
                                                     recipients: [fixture.consumer2.id], at: StoreFixture.opening, stamp: StoreFixture.stamp)
        let copy = try #require(try fixture.store.sentCopy(messageID: "<\(committed.deliveries[0].messageID)>"))
        #expect(copy.post.id == committed.post.id)
        #expect(copy.channel.id == fixture.room.id)
        #expect(copy.recipient.id == fixture.consumer2.id)
        #expect(try fixture.store.sentCopy(messageID: "<someone-else@example.org>") == nil)
    }

    @Test("threads are rebuilt from each recipient's own copies, and the author's original")
    func threading() throws {
        let fixture = try StoreFixture()
        guard case let .new(inboundID) = try fixture.inbound("root", messageID: "jean-original@example.fr", uid: 1) else { Issue.record("expected new"); return }
        let root = try fixture.store.commitPost(fixture.message(in: fixture.room, by: fixture.consumer1, inbound: inboundID),
                                                recipients: [fixture.mediator.id, fixture.consumer2.id], at: StoreFixture.opening, stamp: StoreFixture.stamp)
        let answer = try fixture.store.commitPost(fixture.message(in: fixture.room, by: fixture.mediator, parent: root.post.id),
                                                  recipients: [fixture.consumer1.id, fixture.consumer2.id], at: StoreFixture.opening, stamp: StoreFixture.stamp)
        let zoe = try fixture.store.read { try $0.threadMessageIDs(endingAt: answer.post.id!, recipientID: fixture.consumer2.id) }
        let zoeRoot = try #require(try fixture.store.copyMessageID(postID: root.post.id!, recipientID: fixture.consumer2.id))
        let zoeAnswer = try #require(try fixture.store.copyMessageID(postID: answer.post.id!, recipientID: fixture.consumer2.id))
        #expect(zoe == [zoeRoot, zoeAnswer])
        let jean = try fixture.store.read { try $0.threadMessageIDs(endingAt: answer.post.id!, recipientID: fixture.consumer1.id) }
        #expect(jean.first == "jean-original@example.fr")
        #expect(jean.count == 2)
        let plan = ThreadingPlan(parentChain: zoe)
        #expect(plan.inReplyTo == zoeAnswer)
    }

    @Test("the audit log chains hashes per case and cannot be changed")
    func audit() throws {
        let fixture = try StoreFixture()
        let number = fixture.caseFile.number
        let seal: (String?, AuditEvent) -> String = { previous, event in "\(previous ?? "genesis")>\(event.kind)" }
        try fixture.store.write { session in
            try session.appendAudit(AuditEvent(caseNumber: number, kind: "opened", payload: "{}", createdAt: StoreFixture.opening), seal: seal)
            try session.appendAudit(AuditEvent(caseNumber: number, kind: "closed", payload: "{}", createdAt: StoreFixture.opening), seal: seal)
        }
        let events = try fixture.store.read { try $0.auditEvents(caseNumber: number) }
        #expect(events.map(\.hash) == ["genesis>opened", "genesis>opened>closed"])
        #expect(events[1].prevHash == events[0].hash)
        #expect(throws: DatabaseError.self) {
            try fixture.store.writer.write { try $0.execute(sql: "DELETE FROM audit") }
        }
    }
}
