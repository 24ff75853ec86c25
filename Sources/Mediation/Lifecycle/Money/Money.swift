import Foundation

/// An amount of money in integer minor units (cents) of one currency.
///
/// Integers, never floating point: the settlement ledger must add up to the cent, and
/// `fee + net == gross` has to hold exactly on every line. Amounts are never negative in
/// mediation (nobody pays a consumer a negative sum), so the type refuses them.
public struct Money: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The amount in minor units: 15050 is 150.50.
    public let minorUnits: Int64
    public let currency: Currency

    /// - Precondition: `minorUnits >= 0`.
    public init(minorUnits: Int64, currency: Currency = .euro) {
        precondition(minorUnits >= 0, "Money is never negative in a mediation")
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// Whole units and cents: `Money(units: 150, cents: 50)` is 150.50.
    public init(units: Int64, cents: Int64 = 0, currency: Currency = .euro) {
        self.init(minorUnits: units * currency.minorUnitsPerUnit + cents, currency: currency)
    }

    public static func zero(_ currency: Currency = .euro) -> Money {
        Money(minorUnits: 0, currency: currency)
    }

    public var isZero: Bool { minorUnits == 0 }

    /// Adds two amounts of the same currency.
    /// - Precondition: same currency; mixing currencies is a programming error, since the
    ///   ledger and the tally only ever sum amounts of one offer.
    public static func + (lhs: Money, rhs: Money) -> Money {
        precondition(lhs.currency == rhs.currency, "Cannot add \(lhs.currency) to \(rhs.currency)")
        return Money(minorUnits: lhs.minorUnits + rhs.minorUnits, currency: lhs.currency)
    }

    /// Subtracts an amount no larger than this one.
    public static func - (lhs: Money, rhs: Money) -> Money {
        precondition(lhs.currency == rhs.currency, "Cannot subtract \(rhs.currency) from \(lhs.currency)")
        return Money(minorUnits: lhs.minorUnits - rhs.minorUnits, currency: lhs.currency)
    }

    /// The share `basisPoints / 10 000` of this amount, rounded half-up to the minor unit:
    /// 20 % (2000 bp) of 0.03 € is 0.006 €, which rounds to 0.01 €; of 0.02 € it is 0.004 €,
    /// which rounds to 0.00 €.
    public func share(basisPoints: Int) -> Money {
        precondition(basisPoints >= 0, "A share is never negative")
        // Full-width product so that a large claim times a share cannot overflow before
        // the division brings it back into range.
        let (quotient, remainder) = Int64(10_000).dividingFullWidth(minorUnits.multipliedFullWidth(by: Int64(basisPoints)))
        let rounded = remainder * 2 >= 10_000 ? quotient + 1 : quotient
        return Money(minorUnits: rounded, currency: currency)
    }

    /// The amount with a dot and all minor digits, no symbol: "1500.00". Used in CSV and
    /// JSON, where a reader wants a number and the currency sits in its own column.
    public var plainDecimal: String {
        let perUnit = currency.minorUnitsPerUnit
        let units = minorUnits / perUnit
        let cents = minorUnits % perUnit
        return "\(units)." + String(repeating: "0", count: currency.minorUnitDigits - String(cents).count) + String(cents)
    }

    public var description: String { "\(plainDecimal) \(currency.code)" }

    private enum CodingKeys: String, CodingKey { case minorUnits, currency }

    /// Refuses a stored negative amount rather than let it past the initialiser's rule.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let minorUnits = try container.decode(Int64.self, forKey: .minorUnits)
        guard minorUnits >= 0 else {
            throw DecodingError.dataCorruptedError(forKey: .minorUnits, in: container,
                                                   debugDescription: "A mediation amount is never negative: \(minorUnits)")
        }
        self.init(minorUnits: minorUnits, currency: try container.decode(Currency.self, forKey: .currency))
    }
}
