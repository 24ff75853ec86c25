import Foundation
import Testing
@testable import Store

@Suite("Inbound ledger")
struct InboundTests {
    @Test("a new message is pending; the same Message-ID again is a duplicate of it")
    func messageID() throws {
        let fixture = try StoreFixture()
        let first = try fixture.inbound("one", messageID: "<abc@example.fr>", uid: 1)
        guard case let .new(id) = first else { Issue.record("expected new"); return }
        #expect(try fixture.inbound("one, relayed differently", messageID: "abc@example.fr", uid: 2) == .duplicate(of: id))
        #expect(try fixture.store.pendingInbound(limit: 10).map(\.id) == [id])
        #expect(try fixture.store.inboundCounts() == [.pending: 1, .duplicate: 1])
    }

    @Test("without a Message-ID, identical bytes are a duplicate and different bytes are not")
    func hashFallback() throws {
        let fixture = try StoreFixture()
        guard case let .new(id) = try fixture.inbound("no id", messageID: nil, uid: 1) else { Issue.record("expected new"); return }
        #expect(try fixture.inbound("no id", messageID: nil, uid: 2) == .duplicate(of: id))
        guard case .new = try fixture.inbound("no id, other text", messageID: nil, uid: 3) else { Issue.record("expected new"); return }
    }

    @Test("fetching the same UID again writes nothing new")
    func sameUID() throws {
        let fixture = try StoreFixture()
        guard case let .new(id) = try fixture.inbound("one", messageID: "m@x", uid: 7) else { Issue.record("expected new"); return }
        #expect(try fixture.inbound("one", messageID: "m@x", uid: 7) == .duplicate(of: id))
        #expect(try fixture.store.inboundCounts() == [.pending: 1])
    }

    @Test("after a UIDVALIDITY change, known messages are recognised by Message-ID or bytes")
    func uidValidityChange() throws {
        let fixture = try StoreFixture()
        guard case let .new(withID) = try fixture.inbound("one", messageID: "m@x", uid: 7, uidValidity: 1),
              case let .new(withoutID) = try fixture.inbound("two", messageID: nil, uid: 8, uidValidity: 1)
        else { Issue.record("expected new"); return }
        #expect(try fixture.inbound("one", messageID: "m@x", uid: 1, uidValidity: 2) == .duplicate(of: withID))
        #expect(try fixture.inbound("two", messageID: nil, uid: 2, uidValidity: 2) == .duplicate(of: withoutID))
    }

    @Test("the database itself refuses a second original with the same Message-ID")
    func uniqueIndex() throws {
        let fixture = try StoreFixture()
        _ = try fixture.inbound("one", messageID: "m@x", uid: 1)
        #expect(throws: (any Error).self) {
            try fixture.store.write { session in
                var copy = InboundMessage(raw: Data(), uidValidity: nil, uid: nil, messageID: "m@x",
                                          sha256: StoreFixture.sha("x"), receivedAt: StoreFixture.opening, state: .pending)
                try copy.insert(session.db)
            }
        }
    }

    @Test("holding keeps the message with its reason, once")
    func hold() throws {
        let fixture = try StoreFixture()
        guard case let .new(id) = try fixture.inbound("spam", messageID: "s@x", uid: 1) else { Issue.record("expected new"); return }
        let held = try fixture.store.hold(inboundID: id, reason: .unknownSender, detail: "not a participant", sender: "Spam@X", at: StoreFixture.opening)
        #expect(held.sender == "spam@x")
        #expect(try fixture.store.heldMessages().map(\.reason) == [.unknownSender])
        #expect(try fixture.store.pendingInbound(limit: 10).isEmpty)
        #expect(throws: StoreError.inboundAlreadyHandled(id, .held)) {
            try fixture.store.hold(inboundID: id, reason: .loop, at: StoreFixture.opening)
        }
    }

    @Test("at most one notice per sender, reason and day")
    func noticeRateLimit() throws {
        let fixture = try StoreFixture()
        let day = StoreFixture.opening
        #expect(try fixture.store.shouldSendNotice(sender: "jean@example.fr", reason: .caseClosed, on: day))
        #expect(try !fixture.store.shouldSendNotice(sender: "JEAN@example.fr", reason: .caseClosed, on: day.addingTimeInterval(60)))
        #expect(try fixture.store.shouldSendNotice(sender: "jean@example.fr", reason: .empty, on: day))
        #expect(try fixture.store.shouldSendNotice(sender: "jean@example.fr", reason: .caseClosed, on: day.addingTimeInterval(86_400)))
    }
}
