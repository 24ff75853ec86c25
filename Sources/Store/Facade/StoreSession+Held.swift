import Foundation
import GRDB
import Mediation

extension StoreSession {
    /// Keeps a pending inbound message in the holding pen with its reason (invariant 7).
    @discardableResult
    public func hold(
        inboundID: Int64, reason: HoldReason, detail: String = "", sender: String? = nil,
        caseNumber: Int64? = nil, at date: Date
    ) throws -> HeldMessage {
        try finish(inboundID: inboundID, as: .held)
        var held = HeldMessage(
            inboundID: inboundID, reason: reason, detail: detail, sender: sender.map(Participant.matchingForm),
            caseNumber: caseNumber, createdAt: date, noticeSent: false)
        try held.insert(db)
        return held
    }

    /// Held messages, newest first.
    public func heldMessages(limit: Int = 100) throws -> [HeldMessage] {
        try HeldMessage.order(HeldMessage.Columns.id.desc).limit(limit).fetchAll(db)
    }

    public func heldMessage(inboundID: Int64) throws -> HeldMessage? {
        try HeldMessage.filter(HeldMessage.Columns.inboundID == inboundID).fetchOne(db)
    }

    public func markNoticeSent(heldID: Int64) throws {
        try db.execute(sql: "UPDATE held SET notice_sent = 1 WHERE id = ?", arguments: [heldID])
    }

    /// Whether a rejection notice for `reason` may go to `sender` on the UTC day of `date`:
    /// true the first time, false afterwards, so nobody gets more than one per reason per day.
    public func shouldSendNotice(sender: String, reason: HoldReason, on date: Date) throws -> Bool {
        var notice = NoticeRecord(sender: Participant.matchingForm(of: sender), reason: reason, day: Self.utcDay(date))
        try notice.insert(db, onConflict: .ignore)
        return db.changesCount > 0
    }

    static func utcDay(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }
}
