import Foundation
import Mediation

/// Single-step operations, each its own transaction. For several steps that must commit
/// together, use `write { session in … }` with the same names on `StoreSession`.
extension MediationStore {
    public func createCase(title: String, companyName: String, language: Language, openedAt: Date,
                           roomDays: Int = Case.defaultRoomDays) throws -> Case {
        try write { try $0.createCase(title: title, companyName: companyName, language: language, openedAt: openedAt, roomDays: roomDays) }
    }

    public func addParticipant(caseNumber: Int64, role: Role, address: String, displayName: String,
                               language: Language, namePublic: Bool = false, at date: Date) throws -> Participant {
        try write {
            try $0.addParticipant(caseNumber: caseNumber, role: role, address: address, displayName: displayName,
                                  language: language, namePublic: namePublic, at: date)
        }
    }

    public func openAside(caseNumber: Int64, subject: String, openedBy: Int64?, memberIDs: Set<Int64>, at date: Date) throws -> Channel {
        try write { try $0.openAside(caseNumber: caseNumber, subject: subject, openedBy: openedBy, memberIDs: memberIDs, at: date) }
    }

    public func participant(id: Int64) throws -> Participant? { try read { try $0.participant(id: id) } }

    public func participant(caseNumber: Int64, address: String) throws -> Participant? {
        try read { try $0.participant(caseNumber: caseNumber, address: address) }
    }

    public func channels(caseNumber: Int64) throws -> [Channel] { try read { try $0.channels(caseNumber: caseNumber) } }

    public func members(of channel: Channel) throws -> [Participant] { try read { try $0.members(of: channel) } }

    public func recordInbound(raw: Data, uidValidity: Int64?, uid: Int64?, messageID: String?, sha256: String,
                              receivedAt: Date) throws -> InboundOutcome {
        try write {
            try $0.recordInbound(raw: raw, uidValidity: uidValidity, uid: uid, messageID: messageID, sha256: sha256, receivedAt: receivedAt)
        }
    }

    public func pendingInbound(limit: Int) throws -> [InboundMessage] { try read { try $0.pendingInbound(limit: limit) } }

    public func commitPost(_ post: Post, attachments: [Attachment] = [], recipients: [Int64], at date: Date,
                           stamp: (_ deliveryID: Int64, _ recipientID: Int64) throws -> String) throws -> CommittedPost {
        try write { try $0.commitPost(post, attachments: attachments, recipients: recipients, at: date, stamp: stamp) }
    }

    @discardableResult
    public func hold(inboundID: Int64, reason: HoldReason, detail: String = "", sender: String? = nil,
                     caseNumber: Int64? = nil, at date: Date) throws -> HeldMessage {
        try write { try $0.hold(inboundID: inboundID, reason: reason, detail: detail, sender: sender, caseNumber: caseNumber, at: date) }
    }

    public func heldMessages(limit: Int = 100) throws -> [HeldMessage] { try read { try $0.heldMessages(limit: limit) } }

    public func shouldSendNotice(sender: String, reason: HoldReason, on date: Date) throws -> Bool {
        try write { try $0.shouldSendNotice(sender: sender, reason: reason, on: date) }
    }

    public func dueDeliveries(now: Date, limit: Int) throws -> [Delivery] { try read { try $0.dueDeliveries(now: now, limit: limit) } }

    public func markSent(deliveryID: Int64, reply: String?, at date: Date) throws {
        try write { try $0.markSent(deliveryID: deliveryID, reply: reply, at: date) }
    }

    public func markDeferred(deliveryID: Int64, reply: String?, retryAt: Date, at date: Date) throws {
        try write { try $0.markDeferred(deliveryID: deliveryID, reply: reply, retryAt: retryAt, at: date) }
    }

    public func markFailed(deliveryID: Int64, reply: String?, at date: Date) throws {
        try write { try $0.markFailed(deliveryID: deliveryID, reply: reply, at: date) }
    }

    public func delivery(id: Int64) throws -> Delivery? { try read { try $0.delivery(id: id) } }


    public func sentCopy(messageID: String) throws -> SentCopy? { try read { try $0.sentCopy(messageID: messageID) } }

    public func copyMessageID(postID: Int64, recipientID: Int64) throws -> String? {
        try read { try $0.copyMessageID(postID: postID, recipientID: recipientID) }
    }

    public func deliveryCounts(caseNumber: Int64? = nil) throws -> [Delivery.State: Int] {
        try read { try $0.deliveryCounts(caseNumber: caseNumber) }
    }

    public func inboundCounts() throws -> [InboundMessage.State: Int] { try read { try $0.inboundCounts() } }
}
