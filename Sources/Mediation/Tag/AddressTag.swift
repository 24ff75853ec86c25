/// What a signed tag in one of the gateway's addresses stands for.
///
/// Each case has a purpose code in the token; codes are never reused:
/// 1 reply, 2 bounce, 3 join, 4 ballot (offer, participant, choice), 5 join confirmation.
public enum AddressTag: Sendable, Hashable {
    /// A participant's personal address for one channel: mail to it is a post by that
    /// participant in that channel, once the sender is checked against the participant.
    case reply(caseNumber: Int64, channel: Int64, participant: Int64)
    /// The envelope sender of one delivery, so that a bounce names the exact copy that failed.
    case bounce(delivery: Int64)
    /// The address where a consumer asks to join a case.
    case join(caseNumber: Int64)
    /// One consumer's personal answer address for one offer: mail to it is that answer
    /// (`mailto:` ballot links), once the sender is checked against the participant. The
    /// choice is signed with the rest, so an accept address can never be made a decline.
    case ballot(offer: Int64, participant: Int64, choice: BallotChoice)
    /// The address a would-be consumer replies to in order to confirm one join request.
    /// The request row holds the address it was sent to; only mail from that address counts.
    case joinConfirmation(request: Int64)

    /// The largest id a token carries: 2^48 - 1. SQLite row ids never get near it, and the
    /// bound keeps a reply address under the 64-character local-part limit.
    public static let maximumID: Int64 = (1 << 48) - 1

    enum Purpose: UInt8 {
        case reply = 1
        case bounce = 2
        case join = 3
        case ballot = 4
        case joinConfirmation = 5

        var idCount: Int {
            switch self {
            case .reply: 3
            case .bounce, .join, .joinConfirmation: 1
            case .ballot: 3
            }
        }
    }

    var purpose: Purpose {
        switch self {
        case .reply: .reply
        case .bounce: .bounce
        case .join: .join
        case .ballot: .ballot
        case .joinConfirmation: .joinConfirmation
        }
    }

    var ids: [Int64] {
        switch self {
        case let .reply(caseNumber, channel, participant): [caseNumber, channel, participant]
        case let .bounce(delivery): [delivery]
        case let .join(caseNumber): [caseNumber]
        case let .ballot(offer, participant, choice): [offer, participant, Self.choiceCode(choice)]
        case let .joinConfirmation(request): [request]
        }
    }

    init?(purpose: Purpose, ids: [Int64]) {
        switch purpose {
        case .reply: self = .reply(caseNumber: ids[0], channel: ids[1], participant: ids[2])
        case .bounce: self = .bounce(delivery: ids[0])
        case .join: self = .join(caseNumber: ids[0])
        case .ballot:
            // Only the two choice codes exist; anything else was never signed by us as a
            // ballot, and is refused as malformed rather than read as some default.
            guard let choice = Self.choice(code: ids[2]) else { return nil }
            self = .ballot(offer: ids[0], participant: ids[1], choice: choice)
        case .joinConfirmation: self = .joinConfirmation(request: ids[0])
        }
    }

    static func choiceCode(_ choice: BallotChoice) -> Int64 {
        switch choice {
        case .accept: 1
        case .decline: 2
        }
    }

    static func choice(code: Int64) -> BallotChoice? {
        switch code {
        case 1: .accept
        case 2: .decline
        default: nil
        }
    }
}

/// Why a token was not accepted. None of them says which part was wrong beyond this,
/// so a forger learns nothing from the answer.
public enum TagRefusal: Error, Sendable, Hashable {
    /// Not base32, too short, an unknown purpose, or ids that do not parse.
    case malformed
    /// Well formed but not signed by the current or any previous secret: forged or altered.
    case badSignature
    /// A token format this gateway does not read.
    case unknownVersion
}
