import Foundation

/// One collective mediation: a company, a mediator, and the consumers who joined,
/// talking in a room that stays open until its deadline.
public struct Case: Sendable, Hashable, Codable {
    /// Whether the room still accepts posts. Raw values are stored in the database.
    public enum State: String, Sendable, Hashable, Codable, CaseIterable {
        case open
        case closed
    }

    /// The room length when the operator does not say otherwise (the seed's "30 days").
    public static let defaultRoomDays = 30

    /// The case number, shown to parties ("Case 42") and carried in every reply token.
    public var number: Int64
    public var title: String
    /// The company's name as parties see it, e.g. "Acme". Its legal team members appear as
    /// participants with role `company`.
    public var companyName: String
    public var state: State
    public var openedAt: Date
    /// When the room closes unless the mediator extends it.
    public var deadline: Date
    /// The language of mail addressed to the whole room when a recipient has no preference.
    public var language: Language
    /// Set when the case closes: whether the mediator closed it as settled.
    public var settled: Bool?

    public init(
        number: Int64, title: String, companyName: String, state: State = .open,
        openedAt: Date, deadline: Date, language: Language, settled: Bool? = nil
    ) {
        self.number = number
        self.title = title
        self.companyName = companyName
        self.state = state
        self.openedAt = openedAt
        self.deadline = deadline
        self.language = language
        self.settled = settled
    }

    /// The deadline of a room opened at `openedAt` for `roomDays` days. Days are counted as
    /// 24-hour periods so that the deadline does not move with the server's time zone.
    public static func deadline(openedAt: Date, roomDays: Int) -> Date {
        openedAt.addingTimeInterval(TimeInterval(roomDays) * 86_400)
    }
}
