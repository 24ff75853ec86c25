import Foundation

/// The two languages the lifecycle speaks to parties, chosen from a participant's language
/// code ("fr", "fr-FR", "en"…). French is the platform's home language, but any code that is
/// not French gets English, the language most likely to be read by a foreign party.
enum LifecycleLanguage {
    static func isFrench(_ code: String) -> Bool {
        code.lowercased().hasPrefix("fr")
    }

    /// Picks the French or English wording of the same message.
    static func pick(_ code: String, fr: String, en: String) -> String {
        isFrench(code) ? fr : en
    }
}

extension LifecycleLanguage {
    static let frenchMonths = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet",
                               "août", "septembre", "octobre", "novembre", "décembre"]
    static let englishMonths = ["January", "February", "March", "April", "May", "June", "July",
                                "August", "September", "October", "November", "December"]

    /// A day spelled out, so a confirmation shows "20 décembre 2026" / "December 20, 2026"
    /// and a sender who meant another day by "06/05/2026" sees it at once.
    static func longDate(_ day: DateComponents, language: String) -> String {
        let year = day.year ?? 0, month = day.month ?? 1, dayNumber = day.day ?? 1
        if isFrench(language) {
            return "\(dayNumber == 1 ? "1er" : String(dayNumber)) \(frenchMonths[month - 1]) \(year)"
        }
        return "\(englishMonths[month - 1]) \(dayNumber), \(year)"
    }

    /// The same day in the numeric form the parser reads back: "20/12/2026" or "2026-12-20".
    static func numericDate(_ day: DateComponents, language: String) -> String {
        let year = day.year ?? 0, month = day.month ?? 1, dayNumber = day.day ?? 1
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        if isFrench(language) { return "\(two(dayNumber))/\(two(month))/\(year)" }
        return "\(year)-\(two(month))-\(two(dayNumber))"
    }
}
