import Foundation
import GRDB
import MIME
import Mediation
import Store
import Testing
@testable import Gateway

/// A message whose processing fails (here the database refuses one write, as a full disk or
/// a damaged page would) costs only itself: the others of its batch are posted, and it is
/// held as `unroutable` with the error, or left pending when even that fails.
@Suite("Intake: a message that cannot be processed")
struct IntakeFailureTests {
    /// `count` replies from one consumer to the room, recorded and pending.
    func replies(_ count: Int, in c: TestCase, gateway: GatewayFixture) throws -> [Int64] {
        let alice = c.consumers[0]
        let ids = try (1...count).map {
            try gateway.receive(InboundMail.to(gateway.replyAddress(alice, in: c.room), from: alice.address, text: "Reply \($0)."))
        }
        return ids
    }

    /// Makes the database refuse the post of inbound `id`, as a full disk would.
    func refusePost(of id: Int64, in gateway: GatewayFixture) throws {
        try gateway.execute("""
            CREATE TRIGGER refuse_post BEFORE INSERT ON posts WHEN NEW.inbound_id = \(id)
            BEGIN SELECT RAISE(ABORT, 'disk says no'); END
            """)
    }

    func postCount(_ gateway: GatewayFixture) throws -> Int {
        try gateway.store.writer.read { db in try Post.filter(Column("inbound_id") != nil).fetchCount(db) }
    }

    @Test func theOthersOfItsBatchArePostedAndItIsHeldWithTheError() async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase()
        let ids = try replies(5, in: c, gateway: gateway)
        try refusePost(of: ids[2], in: gateway)

        let summary = try Intake(context: gateway.context).run(batch: 50)

        #expect(summary == Intake.Summary(posted: 4, held: 0, failed: 1))
        #expect(try postCount(gateway) == 4)
        #expect(try gateway.postMade(from: ids[2]) == nil)
        // Each post's copies once, to every member of the room but its author (the expert is
        // not in the room): nothing of a first attempt at the batch is left over.
        let posts = try ids.compactMap { try gateway.postMade(from: $0) }
        #expect(posts.count == 4)
        for post in posts {
            let copies = try gateway.deliveries(ofPost: post.id!)
            #expect(copies.count == c.everyone.filter { $0.role != .expert }.count - 1)
            #expect(Set(copies.map(\.recipientID)).count == copies.count)
        }
        let held = try #require(try gateway.store.read { try $0.heldMessage(inboundID: ids[2]) })
        #expect(held.reason == HoldReason.unroutable)
        #expect(held.detail.contains("disk says no"))
        #expect(try gateway.store.inboundCounts() == [.processed: 4, .held: 1])
    }

    @Test func whenItCannotBeHeldEitherItStaysPendingForTheNextRun() async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase()
        let ids = try replies(3, in: c, gateway: gateway)
        try refusePost(of: ids[1], in: gateway)
        try gateway.execute("""
            CREATE TRIGGER refuse_hold BEFORE INSERT ON held WHEN NEW.inbound_id = \(ids[1])
            BEGIN SELECT RAISE(ABORT, 'disk still says no'); END;
            """)

        #expect(try Intake(context: gateway.context).run(batch: 50) == Intake.Summary(posted: 2, held: 0, failed: 1))
        #expect(try gateway.store.inboundCounts() == [.processed: 2, .pending: 1])
        #expect(try gateway.store.read { try $0.heldMessage(inboundID: ids[1]) } == nil)

        try gateway.execute("DROP TRIGGER refuse_post; DROP TRIGGER refuse_hold")
        #expect(try Intake(context: gateway.context).run(batch: 50) == Intake.Summary(posted: 1, held: 0, failed: 0))
        #expect(try gateway.postMade(from: ids[1]) != nil)
        #expect(try gateway.store.inboundCounts() == [.processed: 3])
    }

    /// Batches are independent: a failure in one does not send the next through the slow path
    /// with a message of the first, nor lose any.
    @Test func aFailureInOneBatchLeavesTheNextBatchesWhole() async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase()
        let ids = try replies(7, in: c, gateway: gateway)
        try refusePost(of: ids[0], in: gateway)
        #expect(try Intake(context: gateway.context).run(batch: 3) == Intake.Summary(posted: 6, held: 0, failed: 1))
        #expect(try gateway.store.inboundCounts() == [.processed: 6, .held: 1])
    }
}
