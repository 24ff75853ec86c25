/// The decision on a post: relay it, or hold it with a reason.
public enum Authorization: Sendable, Hashable {
    case accept
    case refuse(HoldReason)

    /// Whether `author` may post in `channel` through a token naming `tokenParticipant`.
    ///
    /// The checks run from the most specific to the most general, so that the refusal tells
    /// the sender the thing they can act on:
    /// 1. the sender must be the participant the token was made for (a forwarded reply
    ///    address is a password someone else is using, invariant 5), and of the channel's case;
    /// 2. a withdrawn participant is told they withdrew; a removed one is no longer a member;
    /// 3. the sender must belong to the channel (room: not an expert; aside: listed;
    ///    notes: the mediator);
    /// 4. the case must be open.
    public static func decide(
        caseState: Case.State, author: Participant, channel: Channel, tokenParticipant: Int64
    ) -> Authorization {
        guard author.id == tokenParticipant else { return .refuse(.senderMismatch) }
        guard author.caseNumber == channel.caseNumber else { return .refuse(.badToken) }
        switch author.state {
        case .active: break
        case .withdrawn: return .refuse(.withdrawn)
        case .removed: return .refuse(.notAMember)
        }
        guard channel.admits(author) else { return .refuse(.notAMember) }
        guard caseState == .open else { return .refuse(.caseClosed) }
        return .accept
    }
}
