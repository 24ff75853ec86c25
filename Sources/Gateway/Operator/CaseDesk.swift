import Foundation
import Mediation
import Store

/// The operator's actions on cases: open one, add parties, open an aside, and look at a
/// case, its notes and the gateway's queues. The command line is a thin layer over this.
///
/// Reads and writes the Store only; sends nothing itself. Welcomes and aside openings are
/// posts with one queued delivery per recipient, committed in the same transaction as the
/// participants or the aside they announce, so the Dispatcher finds them even after a crash.
public struct CaseDesk: Sendable {
    public let context: GatewayContext

    public init(context: GatewayContext) {
        self.context = context
    }

    var store: MediationStore { context.store }
    var mediation: TruceConfiguration.MediationSection { context.configuration.mediation }

    /// The language of `mediation.language`, French if it were anything else.
    public var defaultLanguage: Language { Language(rawValue: mediation.language) ?? .fr }

    /// The case numbered `number`, or a sentence saying there is none.
    func existingCase(_ number: Int64, in session: StoreSession) throws -> Case {
        guard let found = try session.case(number: number) else { throw OperatorError.noSuchCase(number) }
        return found
    }

    /// Refuses the gateway's own addresses as a party: mail to them would loop.
    func gatewayProblem(_ party: PartyAddress) -> OperatorError? {
        let domain = party.address.split(separator: "@").last.map { $0.lowercased() } ?? ""
        guard domain == context.configuration.gatewayDomain.lowercased() else { return nil }
        return .invalid("\(party.address) is at the gateway's own domain; a party needs an address of their own")
    }
}
