import Foundation
import GRDB
import Mediation
import Testing
@testable import Store

/// The hot reads decode their rows column by column; what they return must be what the
/// record decoding returns, for every column.
@Suite("Store: posts, cases, participants and pending mail read back")
struct StoreReadingTests {
    @Test("a committed post reads back whole, and as the record path reads it")
    func postRoundTrip() throws {
        let fixture = try StoreFixture()
        guard case let .new(inboundID) = try fixture.inbound("hello", messageID: "in@x", uid: 1) else {
            Issue.record("expected new")
            return
        }
        let first = try fixture.store.commitPost(
            fixture.message(in: fixture.room, by: fixture.consumer1, inbound: inboundID), recipients: [fixture.mediator.id],
            at: StoreFixture.opening, stamp: StoreFixture.stamp)
        let notice = Post(
            caseNumber: fixture.caseFile.number, channelID: fixture.room.id, authorID: nil,
            parentID: first.post.id, kind: .notice, subject: "reminder", replyText: "", fullText: "",
            createdAt: StoreFixture.opening.addingTimeInterval(61.25), template: "reminder", context: "{\"days\":3}")
        let second = try fixture.store.commitPost(notice, recipients: [], at: StoreFixture.opening, stamp: StoreFixture.stamp)
        #expect(second.post.id == first.post.id! + 1)
        try fixture.store.read { session in
            for committed in [first, second] {
                let read = try #require(try session.post(id: committed.post.id!))
                let viaRecord = try #require(try Post.fetchOne(session.db, key: committed.post.id!))
                #expect(read.id == committed.post.id && read.caseNumber == viaRecord.caseNumber)
                #expect(read.channelID == viaRecord.channelID && read.authorID == viaRecord.authorID)
                #expect(read.inboundID == viaRecord.inboundID && read.parentID == viaRecord.parentID)
                #expect(read.kind == viaRecord.kind && read.subject == viaRecord.subject)
                #expect(read.replyText == viaRecord.replyText && read.fullText == viaRecord.fullText)
                #expect(read.createdAt == viaRecord.createdAt && read.createdAt == committed.post.createdAt)
                #expect(read.template == viaRecord.template && read.context == viaRecord.context)
            }
            #expect(try session.post(id: 999) == nil)
        }
        #expect(first.post.inboundID == inboundID && second.post.parentID == first.post.id)
    }

    @Test("pending mail reads back whole, as the record path reads it, through the index of pending rows")
    func pendingRoundTrip() throws {
        let fixture = try StoreFixture()
        let at = StoreFixture.opening
        let raws = ["From: a@x\r\n\r\nOne", "From: b@x\r\n\r\nTwo", "From: a@x\r\n\r\nOne again", "From: c@x\r\n\r\nThree"]
        let recordings: [(uidValidity: Int64?, uid: Int64?, messageID: String?, receivedAt: Date)] = [
            (7, 1, "one@x", at), (nil, nil, nil, at.addingTimeInterval(1.5)), (7, 3, "one@x", at), (7, 4, "three@x", at),
        ]
        let ids: [Int64] = try fixture.store.write { session in
            for (raw, recording) in zip(raws, recordings) {
                _ = try session.recordInbound(
                    raw: Data(raw.utf8), uidValidity: recording.uidValidity, uid: recording.uid,
                    messageID: recording.messageID, sha256: RawDigest.sha256Hex(Data(raw.utf8)), receivedAt: recording.receivedAt)
            }
            return try Int64.fetchAll(session.db, sql: "SELECT id FROM inbound ORDER BY id")
        }
        try fixture.store.writer.write { db in
            try db.execute(sql: "UPDATE inbound SET state = 'held' WHERE id = ?", arguments: [ids[3]])
        }
        let pending = try fixture.store.read { try $0.pendingInbound(after: 0, limit: 10) }
        let recorded = try fixture.store.writer.read { db in
            try InboundMessage.filter(InboundMessage.Columns.state == "pending").order(InboundMessage.Columns.id).fetchAll(db)
        }
        #expect(pending.map(\.id) == [ids[0], ids[1]], "the duplicate and the held one are not pending")
        for (read, expected) in zip(pending, recorded) {
            #expect(read.id == expected.id && read.raw == expected.raw && read.uidValidity == expected.uidValidity)
            #expect(read.uid == expected.uid && read.messageID == expected.messageID && read.sha256 == expected.sha256)
            #expect(read.receivedAt == expected.receivedAt && read.state == expected.state && read.duplicateOf == expected.duplicateOf)
        }
        #expect(try fixture.store.read { try $0.pendingInbound(after: ids[0], limit: 10) }.map(\.id) == [ids[1]])
        #expect(try fixture.store.read { try $0.pendingInbound(after: 0, limit: 1) }.map(\.id) == [ids[0]])
        let plan = try fixture.store.writer.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + StoreSession.pendingQuery, arguments: [0, 10])
                .map { $0["detail"] as String }
        }
        #expect(plan.contains { $0.contains("inbound_pending") }, "\(plan)")
    }

    @Test("a case reads back the same open and closed")
    func caseRoundTrip() throws {
        let fixture = try StoreFixture()
        let number = fixture.caseFile.number
        #expect(try fixture.store.read { try $0.case(number: number) } == fixture.caseFile)
        try fixture.store.write { try $0.closeCase(number: number, settled: true, at: StoreFixture.opening.addingTimeInterval(3600)) }
        let closed = try #require(try fixture.store.read { try $0.case(number: number) })
        #expect(closed.state == .closed && closed.settled == true && closed.deadline == fixture.caseFile.deadline)
        #expect(closed.title == "Frais cachés" && closed.companyName == "Acme" && closed.language == .fr)
        #expect(try fixture.store.read { try $0.case(number: number + 1) } == nil)
    }

    @Test("participants read back with both forms of their address")
    func participantsRoundTrip() throws {
        let fixture = try StoreFixture()
        let read = try fixture.store.read { try $0.participants(caseNumber: fixture.caseFile.number) }
        #expect(read == [fixture.mediator, fixture.company, fixture.consumer1, fixture.consumer2, fixture.expert])
        let jean = try #require(read.first { $0.id == fixture.consumer1.id })
        #expect(jean.address == "jean@example.fr" && jean.originalAddress == "Jean@Example.fr")
        let found = try fixture.store.read { try $0.participant(caseNumber: fixture.caseFile.number, address: " <JEAN@example.FR>") }
        #expect(found == fixture.consumer1)
    }
}
