/// What went wrong in the Store, said so that the caller knows what to do next.
public enum StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    case noSuchCase(Int64)
    case noSuchParticipant(Int64)
    case noSuchChannel(Int64)
    case noSuchInbound(Int64)
    case noSuchDelivery(Int64)
    /// The address already takes part in the case: use the existing participant.
    case alreadyParticipant(caseNumber: Int64, address: String)
    /// The inbound message was already handled (processed, held or a duplicate): skip it.
    case inboundAlreadyHandled(Int64, InboundMessage.State)
    /// Members can only be listed for asides; the room and the notes follow roles.
    case notAnAside(Int64)
    /// An aside needs the case's mediator: add one before opening asides.
    case noMediator(caseNumber: Int64)

    public var description: String {
        switch self {
        case let .noSuchCase(number): "no case \(number); check the number with `truce case list`"
        case let .noSuchParticipant(id): "no participant \(id)"
        case let .noSuchChannel(id): "no channel \(id)"
        case let .noSuchInbound(id): "no inbound message \(id)"
        case let .noSuchDelivery(id): "no delivery \(id)"
        case let .alreadyParticipant(number, address): "\(address) already takes part in case \(number)"
        case let .inboundAlreadyHandled(id, state): "inbound message \(id) is already \(state.rawValue); nothing to do"
        case let .notAnAside(id): "channel \(id) is not an aside; only asides have listed members"
        case let .noMediator(number): "case \(number) has no mediator yet; add one first"
        }
    }
}
