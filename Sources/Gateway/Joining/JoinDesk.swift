import Foundation
import Mediation
import Store

/// The public side of joining: each open case's join address, which names the case but no
/// participant. Mail to it starts a join request (`Handling+Joining`).
public struct JoinDesk: Sendable {
    let context: GatewayContext

    public init(context: GatewayContext) {
        self.context = context
    }

    /// The address to publish for `caseNumber`; refused for a closed or unknown case.
    public func joinAddress(caseNumber: Int64) throws -> String {
        guard let caseRecord = try context.store.read({ try $0.case(number: caseNumber) }) else {
            throw OperatorError(.noSuchCase, "no case \(caseNumber); check the number with `truce case list`")
        }
        guard caseRecord.state == .open else {
            throw OperatorError(.caseClosed, "case \(caseNumber) is closed; nobody can join it any more")
        }
        return context.addresses.address(for: .join(caseNumber: caseNumber))
    }
}
