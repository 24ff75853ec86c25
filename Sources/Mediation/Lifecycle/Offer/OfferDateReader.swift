import Foundation

/// Finds a calendar day written the ways French and English offers write deadlines:
/// "2026-12-20", "20/12/2026", "20.12.2026", "20 décembre 2026", "1er décembre 2026",
/// "December 20, 2026", "20 December 2026", "Dec 20 2026", with or without a weekday.
///
/// Reads text already folded by `OfferParser` (lower case, no accents). Numeric days are
/// day/month/year, as in France and Britain; only when the middle number cannot be a month
/// ("12/20/2026") is it read month/day/year. The sender's confirmation spells the day out,
/// so a misread day is seen before anyone answers.
struct OfferDateReader {
    private static let monthNumbers: [String: Int] = [
        "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
        "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
        "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
        "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
        "sept": 9, "oct": 10, "nov": 11, "dec": 12,
        "janv": 1, "fevr": 2, "avr": 4, "juil": 7,
    ]
    private static let monthAlternation = monthNumbers.keys.sorted { $0.count > $1.count }.joined(separator: "|")
    static let weekdays = "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday"

    private enum Order { case yearMonthDay, numericDayMonthYear, dayNamedMonthYear, namedMonthDayYear }

    private let patterns: [(Order, Regex<AnyRegexOutput>)]

    init() {
        let month = Self.monthAlternation
        func compile(_ pattern: String) -> Regex<AnyRegexOutput> {
            // The patterns are constants; one that does not compile is caught by the tests.
            try! Regex(pattern)
        }
        patterns = [
            (.yearMonthDay, compile(#"\b(\d{4})-(\d{1,2})-(\d{1,2})\b"#)),
            (.numericDayMonthYear, compile(#"\b(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\b"#)),
            (.dayNamedMonthYear, compile(#"\b(\d{1,2})(?:er|st|nd|rd|th)?\s+(?:of\s+)?("# + month + #")\.?,?\s+(\d{4})\b"#)),
            (.namedMonthDayYear, compile(#"\b("# + month + #")\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b"#)),
        ]
    }

    /// The earliest day written in `text`, and where it is.
    func firstDay(in text: Substring) -> (range: Range<Substring.Index>, day: DateComponents)? {
        var best: (range: Range<Substring.Index>, day: DateComponents)?
        for (order, regex) in patterns {
            guard let match = try? regex.firstMatch(in: text),
                  best.map({ match.range.lowerBound < $0.range.lowerBound }) ?? true else { continue }
            best = (match.range, Self.day(from: match, order: order))
        }
        return best
    }

    /// The day written at the very start of `text`, after an optional weekday.
    func day(atStartOf text: Substring) -> (range: Range<Substring.Index>, day: DateComponents)? {
        var start = text.startIndex
        if let weekday = try? Regex(#"^(?:"# + Self.weekdays + #"),?\s+"#).prefixMatch(in: text) {
            start = weekday.range.upperBound
        }
        guard let found = firstDay(in: text[start...]), found.range.lowerBound == start else { return nil }
        return found
    }

    private static func day(from match: Regex<AnyRegexOutput>.Match, order: Order) -> DateComponents {
        func text(_ index: Int) -> String { match.output[index].substring.map(String.init) ?? "" }
        func number(_ index: Int) -> Int { Int(text(index)) ?? 0 }
        switch order {
        case .yearMonthDay:
            return DateComponents(year: number(1), month: number(2), day: number(3))
        case .numericDayMonthYear:
            let first = number(1), second = number(2)
            if second > 12 && first <= 12 {
                return DateComponents(year: number(3), month: first, day: second)
            }
            return DateComponents(year: number(3), month: second, day: first)
        case .dayNamedMonthYear:
            return DateComponents(year: number(3), month: monthNumbers[text(2)] ?? 0, day: number(1))
        case .namedMonthDayYear:
            return DateComponents(year: number(3), month: monthNumbers[text(1)] ?? 0, day: number(2))
        }
    }
}
