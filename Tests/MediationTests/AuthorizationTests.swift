import Testing
@testable import Mediation

@Suite("Authorization")
struct AuthorizationTests {
    static let asideMember: Int64 = 500
    static let channels: [Channel] = [
        Channel(id: 1, caseNumber: 42, kind: .room),
        Channel(id: 2, caseNumber: 42, kind: .aside, memberIDs: [asideMember]),
        Channel(id: 3, caseNumber: 42, kind: .aside, memberIDs: [1]),
        Channel(id: 4, caseNumber: 42, kind: .notes),
    ]

    /// The rule written out longhand, independently of the implementation's order of checks.
    static func expected(role: Role, state: Participant.State, channel: Channel, caseState: Case.State) -> Authorization {
        if state == .withdrawn { return .refuse(.withdrawn) }
        if state == .removed { return .refuse(.notAMember) }
        let member = switch channel.kind {
        case .room: role != .expert
        case .aside: channel.memberIDs.contains(asideMember)
        case .notes: role == .mediator
        }
        if !member { return .refuse(.notAMember) }
        if caseState == .closed { return .refuse(.caseClosed) }
        return .accept
    }

    @Test("every role × channel × case state × participant state",
          arguments: Role.allCases, Participant.State.allCases)
    func table(role: Role, state: Participant.State) {
        let author = Participant(id: Self.asideMember, caseNumber: 42, role: role, address: "p@example.org",
                                 displayName: "P", language: .en, state: state, pseudonym: role == .consumer ? 5 : nil)
        for channel in Self.channels {
            for caseState in Case.State.allCases {
                let decision = Authorization.decide(caseState: caseState, author: author, channel: channel, tokenParticipant: author.id)
                #expect(decision == Self.expected(role: role, state: state, channel: channel, caseState: caseState),
                        "\(role) \(state) in \(channel.kind) #\(channel.id), case \(caseState)")
            }
        }
    }

    @Test("the sender must be the participant the token names", arguments: Role.allCases)
    func senderMismatch(role: Role) {
        let author = Participant(id: 9, caseNumber: 42, role: role, address: "p@example.org", displayName: "P", language: .en)
        for channel in Self.channels {
            #expect(Authorization.decide(caseState: .open, author: author, channel: channel, tokenParticipant: 10) == .refuse(.senderMismatch))
        }
    }

    @Test("a channel of another case is refused as a bad token")
    func otherCase() {
        let channel = Channel(id: 1, caseNumber: 7, kind: .room)
        #expect(Authorization.decide(caseState: .open, author: Fixture.consumer1, channel: channel, tokenParticipant: Fixture.consumer1.id) == .refuse(.badToken))
    }
}

@Suite("Hold reasons")
struct HoldReasonTests {
    @Test("raw values are the stable names used by the database and the command line")
    func rawValues() {
        #expect(HoldReason.allCases.map(\.rawValue) == [
            "unknown_sender", "bad_token", "sender_mismatch", "not_a_member", "case_closed", "empty", "too_large",
            "auto_reply", "bounce", "loop", "unroutable", "authentication_failed", "withdrawn",
        ])
    }

    @Test("no notice is ever sent for bounces, auto-replies, loops, unknown senders or failed authentication")
    func noBackscatter() {
        for reason in [HoldReason.bounce, .autoReply, .loop, .unknownSender, .authenticationFailed] {
            #expect(!reason.sendsNotice)
        }
        for reason in [HoldReason.badToken, .senderMismatch, .notAMember, .caseClosed, .empty, .tooLarge, .unroutable, .withdrawn] {
            #expect(reason.sendsNotice)
        }
    }
}
