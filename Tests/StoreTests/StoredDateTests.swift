import Foundation
import GRDB
import Testing
@testable import Store

/// The hot statements bind dates as text written directly; it must be the text GRDB's own
/// formatter writes, or dates would read back differently depending on who wrote them.
@Suite("Store: dates written as GRDB writes them")
struct StoredDateTests {
    static func grdbText(_ date: Date) -> String? { String.fromDatabaseValue(date.databaseValue) }

    @Test("random instants from 1970 to 9999 give the formatter's text")
    func randomInstants() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let seconds = Double.random(in: 0..<253_402_300_799, using: &generator)
            let date = Date(timeIntervalSince1970: seconds)
            #expect(StoredDate.text(date) == Self.grdbText(date), "\(seconds)")
        }
    }

    /// The formatter rounds to the nearest millisecond, so an instant just before midnight
    /// can be written as the next day; around month ends, leap days and century years the
    /// calendar must agree too.
    @Test("edges: millisecond boundaries, leap days, centuries, the epoch")
    func edges() throws {
        let calendar: Calendar = {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(secondsFromGMT: 0)!
            return calendar
        }()
        var instants: [Date] = [Date(timeIntervalSince1970: 0), Date(), Date(timeIntervalSince1970: 0.000_9)]
        for (year, month, day) in [(1972, 2, 29), (2000, 2, 29), (2100, 3, 1), (2026, 12, 31), (2400, 2, 29), (9999, 12, 31)] {
            let midnight = try #require(calendar.date(from: DateComponents(year: year, month: month, day: day)))
            for offset in [-0.000_4, -0.000_000_1, 0, 0.000_4, 0.999_9, 0.999_999, 86_399.999_5] {
                instants.append(midnight.addingTimeInterval(offset))
            }
        }
        for instant in instants {
            #expect(StoredDate.value(instant) == instant.databaseValue, "\(instant.timeIntervalSince1970)")
        }
    }

    @Test("outside 1970–9999 the formatter itself writes the date")
    func outsideTheFastPath() {
        for seconds in [-1.5, -0.001, -86_400.0 * 365 * 100, 253_402_300_800.0 + 5] {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(StoredDate.text(date) == nil)
            #expect(StoredDate.value(date) == date.databaseValue)
        }
    }

    @Test("a date written by a hot statement reads back equal")
    func readsBack() throws {
        let store = try MediationStore.inMemory()
        let date = Date(timeIntervalSince1970: 1_764_806_400.123)
        let read = try store.writer.read { db in
            try Date.fetchOne(db, sql: "SELECT ?", arguments: [StoredDate.value(date)])
        }
        #expect(read.map { abs($0.timeIntervalSince(date)) < 0.000_5 } == true)
    }
}
