/// What each consumer who accepted obtains, the platform's success fee on it, and what
/// reaches the consumer, in integer minor units.
///
/// Rounding rule: fee = gross × fee percent, rounded half-up to the cent (minor unit);
/// net = gross − fee, so fee + net == gross exactly on every line; totals are the sums of
/// the lines (never a percentage of the total, which could differ by rounding).
///
/// The fee is the platform's, taken only on what consumers obtain (L612-1: mediation is
/// free for the consumer, and the mediator is paid regardless of outcome). Consumers who
/// declined, did not answer or withdrew are listed apart, with zero everywhere.
public struct SettlementLedger: Sendable, Hashable {
    /// 20 %, the platform's default success fee.
    public static let defaultFeeBasisPoints = 2_000

    public let currency: Currency
    /// The fee in basis points of the gross: 2000 is 20 %.
    public let feeBasisPoints: Int
    /// Consumers who accepted, in roll order.
    public let settled: [LedgerLine]
    /// Consumers who obtained nothing, in roll order.
    public let unsettled: [LedgerLine]
    public let totalGross: Money
    public let totalFee: Money
    public let totalNet: Money

    /// - Precondition: `0...10_000` basis points; accepted amounts in `currency`.
    public init(currency: Currency, feeBasisPoints: Int = SettlementLedger.defaultFeeBasisPoints, outcomes: [SettlementOutcome]) {
        precondition((0...10_000).contains(feeBasisPoints), "A fee is between 0 and 100 % of what was obtained")
        self.currency = currency
        self.feeBasisPoints = feeBasisPoints
        let lines = outcomes.map { LedgerLine($0, currency: currency, feeBasisPoints: feeBasisPoints) }
        settled = lines.filter { $0.outcome == .accepted }
        unsettled = lines.filter { $0.outcome != .accepted }
        let zero = Money.zero(currency)
        totalGross = settled.reduce(zero) { $0 + $1.gross }
        totalFee = settled.reduce(zero) { $0 + $1.fee }
        totalNet = settled.reduce(zero) { $0 + $1.net }
    }

    /// The rounding rule, as the printed ledger states it.
    public var roundingRule: String {
        "fee = gross × \(feePercentText) %, rounded half-up to the cent; net = gross − fee, so fee + net = gross on every line; totals are sums of lines"
    }

    /// "20", "12.5": the fee as a percentage.
    public var feePercentText: String {
        OfferTerms.percentText(feeBasisPoints, language: "en")
    }
}
