import Foundation
import GRDB

/// A date as the store writes it: GRDB's text form, `yyyy-MM-dd HH:mm:ss.SSS` in UTC,
/// written directly.
///
/// GRDB formats every date it binds with a `DateFormatter`, which on Linux goes through ICU
/// and costs more than the SQLite insert of a delivery row. Intake binds a few dates per
/// message (the post's, its copies', its audit event's), so the hot statements bind this
/// text instead. The digits are the formatter's: the instant rounded to the nearest
/// millisecond (so 23:59:59.9996 is written as midnight of the next day), from the same
/// count of milliseconds since 1970; dates outside years 1970–9999 are left to the
/// formatter itself.
enum StoredDate {
    static func value(_ date: Date) -> DatabaseValue {
        text(date)?.databaseValue ?? date.databaseValue
    }

    /// The text, or nil for a date the fast path leaves to the formatter.
    static func text(_ date: Date) -> String? {
        // As the formatter computes it: seconds since 1970, in milliseconds, to the nearest.
        let milliseconds = ((date.timeIntervalSinceReferenceDate + 978_307_200) * 1_000).rounded()
        guard milliseconds >= 0, milliseconds < 253_402_300_800_000 else { return nil }  // 1970 ..< 10000
        let total = Int64(milliseconds)
        let (days, inDay) = total.quotientAndRemainder(dividingBy: 86_400_000)
        let (year, month, day) = civil(daysSince1970: days)
        let second = inDay / 1_000
        var bytes: [UInt8] = []
        bytes.reserveCapacity(23)
        append(year, width: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        append(month, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        append(day, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: " "))
        append(second / 3_600, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        append(second / 60 % 60, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        append(second % 60, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "."))
        append(inDay % 1_000, width: 3, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The proleptic Gregorian date of a day count from 1970-01-01 (days ≥ 0), after
    /// Howard Hinnant's `civil_from_days`.
    private static func civil(daysSince1970 days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = days + 719_468  // from 0000-03-01
        let era = shifted / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153  // March = 0
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func append(_ value: Int64, width: Int, to bytes: inout [UInt8]) {
        var digits = [UInt8](repeating: UInt8(ascii: "0"), count: width)
        var rest = value
        for index in stride(from: width - 1, through: 0, by: -1) {
            digits[index] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
        bytes += digits
    }
}
