import Foundation

/// Something the room's clock makes due: a reminder that the room will close, or the close.
///
/// Carries the deadline it is about, so that after an extension the reminders for the new
/// deadline are told apart from those already sent for the old one.
public struct ClockEvent: Sendable, Hashable, Codable {
    public enum Kind: Sendable, Hashable, Codable {
        /// The room closes in `daysLeft` days.
        case reminder(daysLeft: Int)
        /// The room's time is up.
        case close
    }

    public let kind: Kind
    /// The instant the event became due.
    public let dueAt: Date
    /// The room's deadline when the event became due.
    public let deadline: Date

    public init(kind: Kind, dueAt: Date, deadline: Date) {
        self.kind = kind
        self.dueAt = dueAt
        self.deadline = deadline
    }
}
