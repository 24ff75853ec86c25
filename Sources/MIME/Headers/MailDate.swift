import Foundation

/// Parses the Date header: RFC 5322 and the variants mailers actually send.
///
/// Accepted: missing weekday, wrong weekday (ignored), 2- and 3-digit years (RFC 5322
/// §4.3 windowing), missing seconds, obsolete zone names (UT, GMT, EST…, military
/// letters read as +0000 as the RFC advises), "+01:00" zones, no zone at all (read as
/// UTC), junk after the zone, asctime order ("Mon Jan  2 15:04:05 2006") and ISO 8601.
public enum MailDate {
    public static func parse(_ value: String) -> Date? {
        let text = MessageIDList.stripComments(value)
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," || $0 == "\r" || $0 == "\n" })
            .map(String.init)
        if words.count == 1, let iso = parseISO(words[0]) { return iso }
        var day: Int?
        var month: Int?
        var year: Int?
        var time: (Int, Int, Int)?
        var offset: Int?
        for word in words {
            if time == nil, word.contains(":"), let t = parseTime(word) {
                time = t.0
                if let o = t.1 { offset = o }
                continue
            }
            if let m = monthNumber(word), month == nil {
                month = m
                continue
            }
            if let n = Int(word), !word.hasPrefix("+"), !word.hasPrefix("-") {
                if day == nil, n >= 1, n <= 31, word.count <= 2, year == nil || month != nil {
                    day = n
                } else if year == nil {
                    year = word.count <= 3 ? windowedYear(n, digits: word.count) : n
                } else if day == nil, n >= 1, n <= 31 {
                    day = n
                }
                continue
            }
            // "1-Jan-2020" style.
            let dashed = word.split(separator: "-")
            if dashed.count == 3, let d = Int(dashed[0]), let m = monthNumber(String(dashed[1])), let y = Int(dashed[2]) {
                day = d; month = m; year = dashed[2].count <= 3 ? windowedYear(y, digits: dashed[2].count) : y
                continue
            }
            if time != nil, offset == nil, let o = zoneOffset(word) {
                offset = o
                continue
            }
        }
        guard let day, let month, let year, let time else { return nil }
        guard (1...31).contains(day), (0...24).contains(time.0), (0...59).contains(time.1), (0...60).contains(time.2),
              year >= 1000, year <= 9999 else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + time.0 * 3600 + time.1 * 60 + min(time.2, 59) - (offset ?? 0)
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    static func windowedYear(_ n: Int, digits: Int) -> Int {
        if digits == 3 { return n + 1900 }
        return n < 50 ? 2000 + n : 1900 + n
    }

    static func monthNumber(_ word: String) -> Int? {
        guard word.count >= 3 else { return nil }
        let names = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        let prefix = word.prefix(3).lowercased()
        guard let i = names.firstIndex(of: prefix) else { return nil }
        // "Mayday" is not a month; accept "Jan", "Jan.", "January", "Sept".
        let rest = word.dropFirst(3).lowercased()
        if rest.isEmpty || rest == "." || rest.allSatisfy({ $0.isLetter || $0 == "." }) { return i + 1 }
        return nil
    }

    /// "hh:mm", "hh:mm:ss", optionally with a glued zone ("10:00:00+0100", "10:00Z").
    static func parseTime(_ word: String) -> ((Int, Int, Int), Int?)? {
        var core = Substring(word)
        var zone: Int?
        if let z = core.firstIndex(where: { $0 == "+" || $0 == "-" || $0 == "Z" || $0 == "z" }) {
            zone = zoneOffset(String(core[z...]))
            core = core[..<z]
        }
        if let dot = core.firstIndex(of: ".") { core = core[..<dot] }
        let parts = core.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3 else { return nil }
        guard let h = Int(parts[0]), let m = Int(parts[1]) else { return nil }
        let s = parts.count == 3 ? Int(parts[2]) : 0
        guard let s else { return nil }
        return ((h, m, s), zone)
    }

    static func zoneOffset(_ word: String) -> Int? {
        let w = word.uppercased()
        if let sign = w.first, sign == "+" || sign == "-" {
            let digits = w.dropFirst().filter { $0 != ":" }
            guard digits.count == 4 || digits.count == 2, let n = Int(digits) else { return nil }
            let hours = digits.count == 4 ? n / 100 : n
            let minutes = digits.count == 4 ? n % 100 : 0
            guard hours <= 23, minutes <= 59 else { return nil }
            let s = (hours * 3600 + minutes * 60)
            return sign == "-" ? -s : s
        }
        switch w {
        case "UT", "UTC", "GMT", "Z", "WET": return 0
        case "EST": return -5 * 3600
        case "EDT": return -4 * 3600
        case "CST": return -6 * 3600
        case "CDT": return -5 * 3600
        case "MST": return -7 * 3600
        case "MDT": return -6 * 3600
        case "PST": return -8 * 3600
        case "PDT": return -7 * 3600
        case "CET", "MET", "WEST", "BST": return 3600
        case "CEST", "MEST", "EET": return 7200
        case "EEST": return 3 * 3600
        default:
            // Military zones were specified with the wrong sign; RFC 5322 says read them as 0.
            if w.count == 1, let c = w.first, c.isLetter { return 0 }
            return nil
        }
    }

    static func parseISO(_ word: String) -> Date? {
        let parts = word.split(separator: "T", maxSplits: 1)
        guard parts.count == 2 else { return nil }
        let ymd = parts[0].split(separator: "-")
        guard ymd.count == 3, let y = Int(ymd[0]), let m = Int(ymd[1]), let d = Int(ymd[2]),
              (1...12).contains(m), (1...31).contains(d), let t = parseTime(String(parts[1])) else { return nil }
        let days = daysFromCivil(year: y, month: m, day: d)
        let seconds = days * 86_400 + t.0.0 * 3600 + t.0.1 * 60 + t.0.2 - (t.1 ?? 0)
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's algorithm),
    /// so parsing needs no Calendar and no time zone database.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Formats a date for a Date header, e.g. "Sat, 28 Nov 2026 15:34:32 +0000".
    public static func format(_ date: Date) -> String {
        let total = Int(date.timeIntervalSince1970.rounded(.down))
        var days = total / 86_400
        var rem = total % 86_400
        if rem < 0 { rem += 86_400; days -= 1 }
        let (y, m, d) = civilFromDays(days)
        let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][((days % 7) + 7) % 7]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(weekday), \(d) \(months[m - 1]) \(y) \(two(rem / 3600)):\(two(rem % 3600 / 60)):\(two(rem % 60)) +0000"
    }

    static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }
}
