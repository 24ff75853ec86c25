import Foundation

/// What an offer puts on the table for each consumer, until when, and what else it says.
///
/// Built by `OfferParser` from the email of the company's legal team (`/offer`) or of the
/// mediator (`/propose`). Every consumer answers the same terms; only the amount differs
/// when the offer is a percentage of each consumer's own claim.
public struct OfferTerms: Sendable, Hashable, Codable {
    /// How each consumer's amount is set.
    public enum Kind: Sendable, Hashable, Codable {
        /// The same amount for every consumer.
        case fixed(Money)
        /// A share of each consumer's claim, in basis points: 4000 is 40 %, 1250 is 12.5 %.
        case percentOfClaim(basisPoints: Int)
    }

    public let kind: Kind
    /// The offer's currency; for a fixed amount, the currency of that amount.
    public let currency: Currency
    /// The instant the last day to answer ends (midnight after it, in `timeZone`). A ballot
    /// counts when it is cast strictly before this instant.
    public let deadline: Date
    /// Where the last day to answer is a day; the confirmation names the day in this zone.
    public let timeZone: TimeZone
    /// Everything else the offer says (a voucher, an apology, a repair), as the sender wrote it.
    public let details: String

    /// - Precondition: a fixed amount is in `currency`.
    public init(kind: Kind, currency: Currency, deadline: Date, timeZone: TimeZone, details: String) {
        if case .fixed(let money) = kind {
            precondition(money.currency == currency, "A fixed amount is in the offer's currency")
        }
        self.kind = kind
        self.currency = currency
        self.deadline = deadline
        self.timeZone = timeZone
        self.details = details
    }

    /// The calendar day that is the last one to answer, in the offer's time zone.
    public var lastDayToAnswer: DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.dateComponents([.year, .month, .day], from: deadline.addingTimeInterval(-1))
    }

    /// The end of `day` in `timeZone`: the first instant of the following day. Nil when the
    /// day does not exist (31 February).
    public static func deadline(endOf day: DateComponents, in timeZone: TimeZone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        guard let year = day.year, let month = day.month, let dayNumber = day.day,
              let start = calendar.date(from: DateComponents(year: year, month: month, day: dayNumber)) else { return nil }
        // Calendar rolls 31 February over to March; a day that does not round-trip does not exist.
        let back = calendar.dateComponents([.year, .month, .day], from: start)
        guard back.year == year, back.month == month, back.day == dayNumber else { return nil }
        return calendar.date(byAdding: .day, value: 1, to: start)
    }
}
