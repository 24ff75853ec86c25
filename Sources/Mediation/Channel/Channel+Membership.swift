extension Channel {
    /// Whether `participant` belongs to this channel by its rules, whatever their state.
    /// Withdrawn and removed participants stay "members" here so that refusals can say
    /// `withdrawn` rather than `not_a_member`; `members(among:)` keeps active ones only.
    public func admits(_ participant: Participant) -> Bool {
        guard participant.caseNumber == caseNumber else { return false }
        switch kind {
        case .room: return participant.role != .expert
        case .aside: return memberIDs.contains(participant.id)
        case .notes: return participant.role == .mediator
        }
    }

    /// The active members of this channel among a case's participants.
    public func members(among participants: [Participant]) -> [Participant] {
        participants.filter { $0.isActive && admits($0) }
    }

    /// Who receives a post in this channel: every active member except its author. The notes
    /// are the mediator's case file and are never relayed, so nobody receives them. A system
    /// post (`author` nil) reaches every active member.
    public func recipients(ofPostBy author: Participant?, among participants: [Participant]) -> [Participant] {
        guard kind != .notes else { return [] }
        return members(among: participants).filter { $0.id != author?.id }
    }

    /// Whether `participant` may post here now: an active member of an open case.
    public func mayPost(_ participant: Participant, caseState: Case.State) -> Bool {
        caseState == .open && participant.isActive && admits(participant)
    }
}

extension Channel {
    /// Who may open an aside: the mediator (by mail) or the operator (from the command line,
    /// where there is no participant). Nobody else chooses who hears what.
    public static func mayOpenAside(_ opener: Participant?) -> Bool {
        guard let opener else { return true }
        return opener.role == .mediator && opener.isActive
    }
}
