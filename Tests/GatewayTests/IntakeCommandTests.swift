import Foundation
import MIME
import Mediation
import Store
import Testing
@testable import Gateway

/// Commands written at the top of a reply, run by the real Intake.
@Suite("Intake: commands")
struct IntakeCommandTests {
    func templates(_ gateway: GatewayFixture, _ deliveries: [Delivery]) throws -> [String] {
        try deliveries.compactMap { try gateway.template(of: $0) }
    }

    @Test func asideOpensAnAsideGreetsItsMembersAndPostsTheRestThere() async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase(consumers: 3)
        let outcome = try gateway.process(.to(
            gateway.replyAddress(c.mediator, in: c.room), from: c.mediator.address,
            text: "/aside Consommateur 1, Acme\nBonjour à vous deux, parlons-en à part."))

        let channels = try gateway.store.channels(caseNumber: c.number)
        let aside = try #require(channels.first { $0.kind == .aside })
        #expect(aside.memberIDs == [c.mediator.id, c.consumers[0].id, c.company.id])
        let greetings = outcome.newDeliveries.filter { (try? gateway.template(of: $0)) == "aside_opening" }
        #expect(Set(greetings.map(\.recipientID)) == [c.mediator.id, c.consumers[0].id, c.company.id],
                "each member is greeted, the mediator included")
        let post = try #require(outcome.post)
        #expect(post.channelID == aside.id)
        #expect(post.replyText == "Bonjour à vous deux, parlons-en à part.")
        #expect(Set(try gateway.deliveries(ofPost: post.id!).map(\.recipientID)) == [c.consumers[0].id, c.company.id])
        #expect(try templates(gateway, outcome.newDeliveries).contains("command_done"))
        let outsiders = Set([c.consumers[1].id, c.consumers[2].id, c.lawyer!.id, c.expert!.id])
        #expect(outcome.recipientIDs.isDisjoint(with: outsiders), "nobody outside the aside hears of it")
    }

    @Test func asideAddAddsAMemberWrittenFromTheAside() async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase(consumers: 3)
        let aside = try gateway.openAside(in: c, with: [c.consumers[0]])
        let outcome = try gateway.process(.to(
            gateway.replyAddress(c.mediator, in: aside), from: c.mediator.address, text: "/aside add Consommateur 2"))
        let updated = try #require(try gateway.store.read { try $0.channel(id: aside.id) })
        #expect(updated.memberIDs == [c.mediator.id, c.consumers[0].id, c.consumers[1].id])
        let greeted = outcome.newDeliveries.filter { (try? gateway.template(of: $0)) == "aside_opening" }
        #expect(greeted.map(\.recipientID) == [c.consumers[1].id])
        #expect(outcome.post == nil, "a message of commands only posts nothing")
    }

    @Test func extendMovesTheDeadlineAndTellsEveryone() async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase()
        let outcome = try gateway.process(.to(
            gateway.replyAddress(c.mediator, in: c.room), from: c.mediator.address, text: "/extend 10"))
        let updated = try #require(try gateway.store.read { try $0.case(number: c.number) })
        #expect(updated.deadline == c.record.deadline.addingTimeInterval(10 * 86_400))
        let extended = outcome.newDeliveries.filter { (try? gateway.template(of: $0)) == "room_extended" }
        // Every active participant who has a room: everyone but the expert.
        #expect(Set(extended.map(\.recipientID)) == Set(c.everyone.filter { $0.role != .expert }.map(\.id)))
    }

    @Test func extendBeyondTheLongestMediationIsRefused() async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase()
        // Opened with 30 days; the longest is 90: 61 more would be 91.
        let outcome = try gateway.process(.to(
            gateway.replyAddress(c.mediator, in: c.room), from: c.mediator.address, text: "/extend 61"))
        #expect(try gateway.store.read { try $0.case(number: c.number) }?.deadline == c.record.deadline)
        #expect(outcome.recipientIDs == [c.mediator.id], "only the mediator hears of it")
        #expect(try templates(gateway, outcome.newDeliveries) == ["command_done"])
        try gateway.dispatch()
        let answer = try #require(gateway.copies(to: c.mediator.address).last)
        #expect(answer.text?.contains("90 jours") == true)
        // 60 more is exactly the limit.
        _ = try gateway.process(.to(gateway.replyAddress(c.mediator, in: c.room), from: c.mediator.address, text: "/extend 60"))
        #expect(try gateway.store.read { try $0.case(number: c.number) }?.deadline
                == c.record.openedAt.addingTimeInterval(90 * 86_400))
    }

    @Test func closeClosesTheRoomAndLaterPostsAreRefused() async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase()
        let outcome = try gateway.process(.to(
            gateway.replyAddress(c.mediator, in: c.room), from: c.mediator.address, text: "/close\nMerci à tous."))
        #expect(try gateway.store.read { try $0.case(number: c.number) }?.state == .closed)
        #expect(outcome.post == nil, "nothing is posted after /close")
        let closed = outcome.newDeliveries.filter { (try? gateway.template(of: $0)) == "room_closed" }
        #expect(Set(closed.map(\.recipientID)) == Set(c.everyone.filter { $0.role != .expert }.map(\.id)))

        let late = try gateway.process(.to(gateway.replyAddress(c.consumers[0], in: c.room), from: c.consumers[0].address))
        #expect(late.reason == .caseClosed)
    }

    @Test(arguments: ["/withdraw", "/retrait"])
    func aConsumerWithdrawsIsConfirmedThenGetsNothingMore(_ command: String) async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase()
        let alice = c.consumers[0]
        let outcome = try gateway.process(.to(gateway.replyAddress(alice, in: c.room), from: alice.address, text: command))
        #expect(try gateway.participant(alice.id).state == .withdrawn)
        #expect(outcome.recipientIDs == [alice.id])
        #expect(try templates(gateway, outcome.newDeliveries) == ["command_done"])
        #expect(outcome.post == nil)

        // The company writes to the room, the mediator extends it, opens an aside naming her:
        // Alice receives none of it.
        let post = try gateway.process(.to(gateway.replyAddress(c.company, in: c.room), from: c.company.address))
        #expect(post.post != nil)
        let extend = try gateway.process(.to(gateway.replyAddress(c.mediator, in: c.room), from: c.mediator.address, text: "/extend 5"))
        let aside = try gateway.process(.to(
            gateway.replyAddress(c.mediator, in: c.room), from: c.mediator.address, text: "/aside Consommateur 1"))
        for later in [post, extend, aside] {
            #expect(!later.recipientIDs.contains(alice.id))
        }
        #expect(try gateway.store.channels(caseNumber: c.number).filter { $0.kind == .aside }.isEmpty,
                "a withdrawn consumer cannot be put in an aside")
    }

    @Test func removeTakesAParticipantOut() async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase()
        let bob = c.consumers[1]
        _ = try gateway.process(.to(
            gateway.replyAddress(c.mediator, in: c.room), from: c.mediator.address, text: "/remove Consommateur 2"))
        #expect(try gateway.participant(bob.id).state == .removed)
        let post = try gateway.process(.to(gateway.replyAddress(c.company, in: c.room), from: c.company.address))
        #expect(!post.recipientIDs.contains(bob.id))
        let refused = try gateway.process(.to(gateway.replyAddress(bob, in: c.room), from: bob.address))
        #expect(refused.reason == .notAMember)
    }

    @Test(arguments: ["/help", "/aide", "/frobnicate now"])
    func helpAndUnknownCommandsAnswerWithHelp(_ command: String) async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase()
        let outcome = try gateway.process(.to(gateway.replyAddress(c.mediator, in: c.room), from: c.mediator.address, text: command))
        #expect(outcome.recipientIDs == [c.mediator.id])
        #expect(try templates(gateway, outcome.newDeliveries) == ["command_help"])
        #expect(outcome.post == nil)
        if command.hasPrefix("/frob") {
            try gateway.dispatch()
            #expect(gateway.copies(to: c.mediator.address).last?.text?.contains("/frobnicate now") == true)
        }
    }

    @Test(arguments: ["/close", "/extend 5", "/aside Acme", "/remove Consommateur 2"])
    func aConsumerGetsHelpForAnyOtherCommand(_ command: String) async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase()
        let alice = c.consumers[0]
        let outcome = try gateway.process(.to(gateway.replyAddress(alice, in: c.room), from: alice.address, text: command))
        #expect(try templates(gateway, outcome.newDeliveries) == ["command_help"])
        #expect(outcome.recipientIDs == [alice.id])
        let now = try #require(try gateway.store.read { try $0.case(number: c.number) })
        #expect(now.state == .open)
        #expect(now.deadline == c.record.deadline)
        #expect(try gateway.store.channels(caseNumber: c.number).count == 2)
        #expect(try gateway.participant(c.consumers[1].id).state == .active)
    }

    @Test func commandsInQuotedTextOrBelowTheFirstLineNeverRun() async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase()
        let quoted = """
            Je suis d'accord avec cette proposition.

            Le 10 mars 2026 à 10:00, Truce <truce@mediation.test> a écrit :
            > /close
            > /remove Consommateur 1
            """
        let first = try gateway.process(.to(gateway.replyAddress(c.mediator, in: c.room), from: c.mediator.address, text: quoted))
        let below = try gateway.process(.to(
            gateway.replyAddress(c.mediator, in: c.room), from: c.mediator.address,
            text: "Bonjour à tous,\n/close\n/remove Consommateur 1"))
        #expect(try gateway.store.read { try $0.case(number: c.number) }?.state == .open)
        #expect(try gateway.participant(c.consumers[0].id).state == .active)
        #expect(first.post?.replyText == "Je suis d'accord avec cette proposition.")
        #expect(below.post != nil)
        for outcome in [first, below] {
            #expect(try !templates(gateway, outcome.newDeliveries).contains { $0.hasPrefix("command") || $0 == "room_closed" })
        }
    }
}
