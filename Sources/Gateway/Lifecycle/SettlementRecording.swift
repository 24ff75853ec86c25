import Foundation
import Mediation
import Store

/// Freezes the settlement when the mediator closes a case as settled (`/close settled`):
/// the current offer and the platform's fee (`mediation.fee_percent`). The ledger is then
/// always computed from the same rows — the answers counted before the offer's deadline —
/// and `truce case ledger` prints it. The mediator receives the ledger's table.
struct SettlementRecording {
    let context: GatewayContext
    let session: StoreSession
    let now: Date

    func record(_ caseRecord: Case) throws {
        let offer = try session.currentOffer(caseNumber: caseRecord.number)
        let feeBasisPoints = context.configuration.mediation.feePercent * 100
        try session.recordSettlement(caseNumber: caseRecord.number, offerID: offer?.id, feeBasisPoints: feeBasisPoints, at: now)
        guard let ledger = try session.settlementLedger(caseNumber: caseRecord.number) else { return }
        try CaseAudit.append(
            caseNumber: caseRecord.number, kind: "settlement.recorded",
            detail: ["offer": offer.map { String($0.id) } ?? "", "fee_basis_points": String(feeBasisPoints),
                     "accepted": String(ledger.settled.count), "gross": ledger.totalGross.plainDecimal,
                     "fee": ledger.totalFee.plainDecimal, "net": ledger.totalNet.plainDecimal,
                     "currency": ledger.currency.code],
            session: session, at: now)
        let mediators = try session.participants(caseNumber: caseRecord.number).filter { $0.role == .mediator && $0.isActive }
        for mediator in mediators {
            try LifecycleReply(context: context, session: session, now: now).send(
                mediator.language == .fr ? "Registre du règlement" : "Settlement ledger", [ledger.table(language: mediator.language)], to: mediator)
        }
    }
}
