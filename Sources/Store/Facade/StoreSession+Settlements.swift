import Foundation
import GRDB
import Mediation

extension StoreSession {
    /// Freezes what a settled case's ledger is made of: the offer and the fee.
    public func recordSettlement(caseNumber: Int64, offerID: Int64?, feeBasisPoints: Int, at date: Date) throws {
        var record = SettlementRecord(caseNumber: caseNumber, offerID: offerID, feeBasisPoints: feeBasisPoints, settledAt: date)
        try record.save(db)
    }

    public func settlement(caseNumber: Int64) throws -> SettlementRecord? {
        try SettlementRecord.fetchOne(db, key: caseNumber)
    }

    /// The settlement ledger of a case closed as settled; nil for any other case.
    public func settlementLedger(caseNumber: Int64) throws -> SettlementLedger? {
        guard let settlement = try settlement(caseNumber: caseNumber) else { return nil }
        guard let offerID = settlement.offerID, let offer = try offer(id: offerID) else {
            return SettlementLedger(currency: .euro, feeBasisPoints: settlement.feeBasisPoints, outcomes: [])
        }
        let box = try ballotBox(for: offer)
        return SettlementLedger(currency: offer.terms.currency, feeBasisPoints: settlement.feeBasisPoints,
                                outcomes: box.outcomes())
    }
}

extension MediationStore {
    /// The ledger of a settled case, for `truce case ledger`; nil if it was not settled.
    public func settlementLedger(caseNumber: Int64) throws -> SettlementLedger? {
        try read { try $0.settlementLedger(caseNumber: caseNumber) }
    }
}
