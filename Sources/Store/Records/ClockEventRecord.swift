import Foundation
import GRDB

/// A row of `clock_events`: one reminder or close of a case's room, for one deadline,
/// recorded when the Scheduler sent it (or passed it over for a later one).
public struct ClockEventRecord: StoreRecord, Sendable {
    public static let databaseTableName = "clock_events"

    /// Which event; raw values are stored.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case reminder7 = "reminder_7"
        case reminder1 = "reminder_1"
        case close
    }

    /// What was done about it; raw values are stored.
    public enum Outcome: String, Codable, Sendable {
        case sent
        /// Due while a later event of the same deadline was due too, or already past when
        /// an extension set the deadline: never sent, so parties get one timely message.
        case skipped
    }

    public var id: Int64?
    public var caseNumber: Int64
    public var kind: Kind
    public var deadline: Date
    public var outcome: Outcome
    public var recordedAt: Date

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
