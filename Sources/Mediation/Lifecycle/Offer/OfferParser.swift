import Foundation

/// Reads the terms of an offer from the text of an `/offer` or `/propose` email (quotes
/// already stripped).
///
/// Terms may be written as "key: value" lines, in French or English —
/// `amount:`/`montant :`, `percent:`/`pourcentage :`, `deadline:`/`date limite :`/`échéance :`,
/// `currency:`/`devise :` — or as the natural one-line forms "150 € par consommateur",
/// "150 EUR per consumer", "40 % de chaque réclamation", "40% of each claim",
/// "répondre avant le 20 décembre 2026", "answer by December 20, 2026". Every other line is
/// the offer's free text. Matching ignores case and accents.
///
/// The parser never guesses: two different amounts, an amount and a percentage, two
/// deadlines or two currencies are reported as ambiguous, and everything wrong is reported
/// together in one `OfferParseError`.
public struct OfferParser: Sendable {
    /// The zone in which a deadline day is a day, unless the case says otherwise.
    public static let defaultTimeZone = TimeZone(identifier: "Europe/Paris") ?? TimeZone(secondsFromGMT: 3600)!

    public let now: Date
    public let timeZone: TimeZone
    public let defaultCurrency: Currency

    public init(now: Date, timeZone: TimeZone = OfferParser.defaultTimeZone, defaultCurrency: Currency = .euro) {
        self.now = now
        self.timeZone = timeZone
        self.defaultCurrency = defaultCurrency
    }

    /// Who made the offer, from the command on its first line; nil if it is not an offer.
    public static func source(of text: String) -> OfferSource? {
        guard let first = text.split(whereSeparator: \.isNewline).first(where: { !$0.allSatisfy(\.isWhitespace) }) else { return nil }
        return command(opening: OfferLine(first))?.source
    }

    /// The terms, or every reason they cannot be recorded.
    public func parse(_ text: String) throws(OfferParseError) -> OfferTerms {
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(OfferLine.init)
        while let first = lines.first, first.folded.allSatisfy(\.isWhitespace) { lines.removeFirst() }
        guard let first = lines.first, let (source, rest) = Self.command(opening: first) else {
            throw error([.notAnOffer], command: "/offer")
        }
        lines[0] = rest
        let command = source == .company ? "/offer" : "/propose"

        var reading = OfferReading(patterns: OfferPatterns())
        for line in lines { reading.read(line) }
        return try terms(from: reading, command: command)
    }

    private func terms(from reading: OfferReading, command: String) throws(OfferParseError) -> OfferTerms {
        var problems = reading.problems

        let currencies = reading.currencies.reduce(into: [Currency]()) { if !$0.contains($1) { $0.append($1) } }
        if currencies.count > 1 { problems.append(.conflictingCurrency(currencies.map(\.code))) }
        let currency = currencies.first ?? defaultCurrency

        var kind: OfferTerms.Kind?
        let amounts = reading.amounts.reduce(into: [OfferReading.Amount]()) { found, amount in
            if !found.contains(where: { $0.value == amount.value }) { found.append(amount) }
        }
        if amounts.count > 1 {
            problems.append(.ambiguousAmount(amounts.map(\.text)))
        } else if let amount = amounts.first {
            switch amount.value {
            case .fixed(let minorUnits) where minorUnits == 0:
                problems.append(.zeroAmount)
            case .fixed(let minorUnits):
                kind = .fixed(Money(minorUnits: minorUnits, currency: currency))
            case .percent(let basisPoints) where basisPoints <= 0 || basisPoints > 10_000:
                problems.append(.percentOutOfRange(amount.text))
            case .percent(let basisPoints):
                kind = .percentOfClaim(basisPoints: basisPoints)
            }
        } else if !reading.misreadAmount {
            problems.append(reading.looseAmounts.first.map { .amountWithoutBasis($0) } ?? .missingAmount)
        }

        var deadline: Date?
        let days = reading.deadlines.reduce(into: [OfferReading.Deadline]()) { found, deadline in
            if !found.contains(where: { $0.day == deadline.day }) { found.append(deadline) }
        }
        if days.count > 1 {
            problems.append(.ambiguousDeadline(days.map(\.text)))
        } else if let day = days.first {
            if let end = OfferTerms.deadline(endOf: day.day, in: timeZone) {
                if end <= now { problems.append(.deadlinePassed(day.day)) } else { deadline = end }
            } else {
                problems.append(.unreadableDeadline(day.text))
            }
        } else if !reading.misreadDeadline {
            problems.append(.missingDeadline)
        }

        guard problems.isEmpty, let kind, let deadline else { throw error(problems, command: command) }
        return OfferTerms(kind: kind, currency: currency, deadline: deadline, timeZone: timeZone,
                          details: reading.details.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines))
    }

    private func error(_ problems: [OfferParseError.Problem], command: String) -> OfferParseError {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let example = calendar.date(byAdding: .day, value: 30, to: now) ?? now
        return OfferParseError(problems: problems, command: command,
                               exampleDeadline: calendar.dateComponents([.year, .month, .day], from: example))
    }

    /// The command on a first line and what follows it on the same line.
    private static func command(opening line: OfferLine) -> (source: OfferSource, rest: OfferLine)? {
        let words: [(String, OfferSource)] = [("/offer", .company), ("/offre", .company), ("/propose", .mediator), ("/proposition", .mediator)]
        let folded = line.folded.drop(while: \.isWhitespace)
        for (word, source) in words where folded.hasPrefix(word) {
            let after = folded.dropFirst(word.count)
            guard after.first.map({ $0.isWhitespace || $0 == ":" }) ?? true else { continue }
            let offset = line.folded.distance(from: line.folded.startIndex, to: after.startIndex)
            return (source, line.suffix(fromOffset: offset))
        }
        return nil
    }
}
