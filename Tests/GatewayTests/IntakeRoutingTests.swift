import Foundation
import Mediation
import Store
import Testing
@testable import Gateway

/// Who may write where: every role, in every kind of channel, in an open and a closed case,
/// active, withdrawn or removed, through the real Intake.
@Suite("Intake: routing and authorization")
struct IntakeRoutingTests {
    enum Where: String, CaseIterable, Sendable {
        case room, asideMember, asideNonMember, notes
    }

    struct Situation: Sendable, CustomTestStringConvertible {
        var role: Role
        var channel: Where
        var caseState: Case.State
        var state: Participant.State
        var testDescription: String { "\(role) in \(channel), case \(caseState), \(state)" }
    }

    static let situations: [Situation] = Role.allCases.flatMap { role in
        Where.allCases.flatMap { channel in
            [Case.State.open, .closed].flatMap { caseState in
                Participant.State.allCases.compactMap { state in
                    // The mediator belongs to every aside: there is no aside they are not in.
                    role == .mediator && channel == .asideNonMember
                        ? nil : Situation(role: role, channel: channel, caseState: caseState, state: state)
                }
            }
        }
    }

    /// What the rules say should happen, written from the issue rather than from the code.
    static func expected(_ s: Situation) -> HoldReason? {
        switch s.state {
        case .withdrawn: return .withdrawn
        case .removed: return .notAMember
        case .active: break
        }
        let member = switch s.channel {
        case .room: s.role != .expert
        case .asideMember: true
        case .asideNonMember: false
        case .notes: s.role == .mediator
        }
        if !member { return .notAMember }
        if s.caseState == .closed { return .caseClosed }
        return nil
    }

    @Test(arguments: situations)
    func postedOrHeld(_ s: Situation) async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase(consumers: 3)
        let author: Participant = switch s.role {
        case .mediator: c.mediator
        case .company: c.company
        case .consumer: c.consumers[0]
        case .lawyer: c.lawyer!
        case .expert: c.expert!
        }
        // An aside with the second consumer; the author joins it only when they are a member.
        let asideMembers = [c.consumers[1]] + (s.channel == .asideMember ? [author] : [])
        let aside = try gateway.openAside(in: c, with: asideMembers.filter { $0.role != .mediator })
        let channel: Channel = switch s.channel {
        case .room: c.room
        case .asideMember, .asideNonMember: aside
        case .notes: c.notes
        }
        try gateway.store.write { session in
            if s.state != .active { try session.setState(participantID: author.id, to: s.state) }
            if s.caseState == .closed { try session.closeCase(number: c.number, settled: false, at: gateway.now) }
        }

        let outcome = try gateway.process(.to(gateway.replyAddress(author, in: channel), from: author.address))

        let everyoneNow = try gateway.store.read { try $0.participants(caseNumber: c.number) }
        if let reason = Self.expected(s) {
            #expect(outcome.reason == reason)
            #expect(outcome.post == nil)
            // The notice goes to the author alone, in a conversation they belong to; an
            // expert in no aside has none, and then gets nothing.
            let hasHome = s.role != .expert || s.channel == .asideMember
            #expect(outcome.recipientIDs == (hasHome ? [author.id] : []))
            #expect(outcome.held?.noticeSent == hasHome)
            for delivery in outcome.newDeliveries {
                #expect(try gateway.template(of: delivery) == "reject_\(reason.rawValue)")
                #expect(try gateway.post(delivery.postID)?.channelID != c.notes.id)
            }
        } else {
            #expect(outcome.held == nil)
            let post = try #require(outcome.post)
            #expect(post.channelID == channel.id)
            #expect(post.authorID == author.id)
            let relayed = try gateway.deliveries(ofPost: post.id!)
            if s.channel == .notes {
                #expect(relayed.isEmpty, "the notes are never relayed")
                let filed = outcome.newDeliveries.filter { $0.postID != post.id }
                #expect(filed.map(\.recipientID) == [c.mediator.id])
                #expect(try filed.map { try gateway.template(of: $0) } == ["note_filed"])
            } else {
                let members = channel.kind == .room
                    ? everyoneNow.filter { $0.role != .expert && $0.isActive }
                    : everyoneNow.filter { (asideMembers + [c.mediator]).map(\.id).contains($0.id) }
                let expectedRecipients = Set(members.map(\.id)).subtracting([author.id])
                #expect(Set(relayed.map(\.recipientID)) == expectedRecipients)
                #expect(relayed.count == expectedRecipients.count, "one delivery per recipient")
                #expect(outcome.recipientIDs == expectedRecipients, "nothing else was queued")
            }
        }
    }
}

@Suite("Intake: rejection notices")
struct IntakeNoticeTests {
    /// A consumer writing to the mediator's notes is refused each time, but told once a day.
    @Test func atMostOneNoticePerSenderPerReasonPerDay() async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase()
        let alice = c.consumers[0]
        let notes = gateway.replyAddress(alice, in: c.notes)

        let first = try gateway.process(.to(notes, from: alice.address))
        #expect(first.reason == .notAMember)
        #expect(first.recipientIDs == [alice.id])

        gateway.clock.advance(seconds: 3600)
        let second = try gateway.process(.to(notes, from: alice.address))
        #expect(second.reason == .notAMember)
        #expect(second.newDeliveries.isEmpty, "the same day: no second notice")
        #expect(second.held?.noticeSent == false)

        // Another reason the same day is its own notice.
        let other = try gateway.process(.to("truce+aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@mediation.test", from: alice.address))
        #expect(other.reason == .badToken)
        #expect(other.recipientIDs == [alice.id])

        gateway.clock.advance(days: 1)
        let nextDay = try gateway.process(.to(notes, from: alice.address))
        #expect(nextDay.reason == .notAMember)
        #expect(nextDay.recipientIDs == [alice.id])
        #expect(nextDay.newDeliveries.count == 1)

        // The held messages are all kept, with their reasons (invariant 7).
        let held = try gateway.store.heldMessages().map(\.reason)
        #expect(held.sorted { $0.rawValue < $1.rawValue } == [.badToken, .notAMember, .notAMember, .notAMember])
    }

    /// Reasons that must never be answered, from a sender the gateway knows well.
    @Test func neverANoticeForBouncesAutoRepliesLoopsOrFailedAuthentication() async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase()
        let alice = c.consumers[0]
        let room = gateway.replyAddress(alice, in: c.room)

        var bounce = InboundMail.to(room, from: alice.address)
        bounce.returnPath = "<>"
        var autoReply = InboundMail.to(room, from: alice.address)
        autoReply.headers = [("Auto-Submitted", "auto-replied")]
        var loop = InboundMail.to(room, from: alice.address)
        loop.headers = [("X-Truce-Loop", GatewayFixture.gatewayAddress)]
        for (mail, reason) in [(bounce, HoldReason.bounce), (autoReply, .autoReply), (loop, .loop)] {
            let outcome = try gateway.process(mail)
            #expect(outcome.reason == reason)
            #expect(outcome.newDeliveries.isEmpty)
            #expect(outcome.held?.noticeSent == false)
        }
    }

    @Test func failedAuthenticationIsHeldWithoutNotice() async throws {
        let gateway = try await GatewayFixture(trustedAuthservID: "mx.mediation.test")
        let c = try gateway.openCase()
        let alice = c.consumers[0]
        var forged = InboundMail.to(gateway.replyAddress(alice, in: c.room), from: alice.address)
        forged.traceHeaders = [("Authentication-Results", "mx.mediation.test; dmarc=fail header.from=consumer.test")]
        let outcome = try gateway.process(forged)
        #expect(outcome.reason == .authenticationFailed)
        #expect(outcome.newDeliveries.isEmpty, "the From is unproven: nobody is told")

        // The same header from a server that is not ours proves nothing.
        var other = InboundMail.to(gateway.replyAddress(alice, in: c.room), from: alice.address)
        other.traceHeaders = [("Authentication-Results", "mx.elsewhere.test; dmarc=fail header.from=consumer.test")]
        #expect(try gateway.process(other).post != nil)
    }
}
