import Foundation

/// What the parser has found so far, line by line, before deciding whether the offer holds
/// together. Collects every candidate rather than the first, so that contradictions are
/// reported instead of silently resolved.
struct OfferReading {
    enum AmountValue: Equatable {
        case fixed(minorUnits: Int64)
        case percent(basisPoints: Int)
    }

    struct Amount {
        let value: AmountValue
        /// As the sender wrote it, for quoting back.
        let text: String
    }

    struct Deadline {
        let day: DateComponents
        let text: String
    }

    let patterns: OfferPatterns
    var amounts: [Amount] = []
    var deadlines: [Deadline] = []
    var currencies: [Currency] = []
    /// Amounts with a currency but no "per consumer", kept to hint at the fix when no amount
    /// is found; otherwise they belong to the free text ("a 20 € voucher").
    var looseAmounts: [String] = []
    var details: [Substring] = []
    var problems: [OfferParseError.Problem] = []
    var misreadAmount = false
    var misreadDeadline = false

    init(patterns: OfferPatterns) { self.patterns = patterns }

    mutating func read(_ line: OfferLine) {
        if let key = try? patterns.key.prefixMatch(in: line.folded) {
            let name = key.output[1].substring.map(String.init) ?? ""
            readValue(of: name, in: line, from: key.range.upperBound)
        } else {
            readNaturalForms(in: line)
        }
    }

    private mutating func readValue(of key: String, in line: OfferLine, from start: Substring.Index) {
        let value = line.folded[start...]
        let quoted = line.original(of: start..<line.folded.endIndex).trimmingCharacters(in: .whitespaces)
        switch key {
        case "amount", "montant":
            if value.contains("%") {
                readPercent(value, quoted: quoted)
            } else if let match = try? patterns.money.firstMatch(in: value), let read = Money.readAmount(value[match.range]) {
                amounts.append(Amount(value: .fixed(minorUnits: read.minorUnits), text: line.original(of: match.range)))
                if let currency = read.currency { currencies.append(currency) }
            } else {
                problems.append(.unreadableAmount(quoted))
                misreadAmount = true
            }
        case "percent", "percentage", "pourcentage":
            readPercent(value, quoted: quoted)
        case "deadline", "date limite", "date-limite", "echeance":
            let day = patterns.dates.day(atStartOf: value.drop(while: \.isWhitespace)) ?? patterns.dates.firstDay(in: value)
            if let day {
                deadlines.append(Deadline(day: day.day, text: line.original(of: day.range)))
            } else {
                problems.append(.unreadableDeadline(quoted))
                misreadDeadline = true
            }
        default: // currency, devise
            let name = quoted.trimmingCharacters(in: CharacterSet(charactersIn: ". "))
            if let currency = Currency(naming: name) {
                currencies.append(currency)
            } else {
                problems.append(.unknownCurrency(name))
            }
        }
    }

    private mutating func readPercent(_ value: Substring, quoted: String) {
        if let match = try? patterns.percentValue.prefixMatch(in: value),
           let digits = match.output[1].substring, let basisPoints = OfferPatterns.basisPoints(digits) {
            amounts.append(Amount(value: .percent(basisPoints: basisPoints), text: quoted))
        } else {
            problems.append(.unreadableAmount(quoted))
            misreadAmount = true
        }
    }

    /// Finds the one-line forms anywhere in a line. A line that says nothing but terms is
    /// consumed; a sentence that also says something else stays in the free text whole.
    private mutating func readNaturalForms(in line: OfferLine) {
        let text = line.folded
        var consumed: [Range<Substring.Index>] = []

        for match in text.matches(of: patterns.fixedPerConsumer) {
            guard let moneyText = match.output[1].substring, let read = Money.readAmount(moneyText) else { continue }
            amounts.append(Amount(value: .fixed(minorUnits: read.minorUnits), text: line.original(of: match.range)))
            if let currency = read.currency { currencies.append(currency) }
            consumed.append(match.range)
        }
        for match in text.matches(of: patterns.percentOfClaim) {
            guard let digits = match.output[1].substring, let basisPoints = OfferPatterns.basisPoints(digits) else { continue }
            amounts.append(Amount(value: .percent(basisPoints: basisPoints), text: line.original(of: match.range)))
            consumed.append(match.range)
        }
        for phrase in text.matches(of: patterns.deadlinePhrase) {
            guard let day = patterns.dates.day(atStartOf: text[phrase.range.upperBound...]) else { continue }
            deadlines.append(Deadline(day: day.day, text: line.original(of: day.range)))
            consumed.append(phrase.range.lowerBound..<day.range.upperBound)
        }
        if consumed.isEmpty {
            for match in text.matches(of: patterns.moneyWithCurrency) {
                looseAmounts.append(line.original(of: match.range))
            }
            details.append(line.original)
            return
        }
        let rest = text.indices.filter { index in !consumed.contains { $0.contains(index) } }
        if rest.contains(where: { text[$0].isLetter || text[$0].isNumber }) {
            details.append(line.original)
        }
    }
}
