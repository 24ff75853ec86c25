import Foundation
import MIME
import Mediation
import Store

/// Where an inbound message goes, once its addresses and references are read.
enum Route {
    /// A signed tag or a reference names this participant's personal address in this channel.
    case channel(Participant, Channel)
    /// Mail to the bounce address of one delivery, without the usual bounce markers.
    case bounce(deliveryID: Int64)
    /// A consumer's personal accept or decline address for one offer (`Intake+Ballots`).
    case ballot(offerID: Int64, addressed: Participant, choice: BallotChoice)
    /// A case's public join address (`Handling+Joining`).
    case join(caseNumber: Int64)
    /// The confirmation address of one join request (`Handling+Joining`).
    case joinConfirmation(requestID: Int64)
    /// No channel: hold with this reason, telling this participant if anyone.
    case refused(HoldReason, detail: String, noticeTo: Participant?)
}

/// The work on one inbound message inside Intake's transaction.
struct Handling {
    let intake: Intake
    let session: StoreSession
    let inboundID: Int64
    let reading: InboundReading
    let now: Date

    var context: GatewayContext { intake.context }

    /// Finds the channel: the first valid signed tag in the most trusted header wins; without
    /// one, a Message-ID the gateway sent (a reply to the bare address still lands right).
    func route() throws -> Route {
        var sawBadTag = false
        for tag in reading.tags {
            switch tag.reading {
            case let .success(.reply(caseNumber, channelID, participantID)):
                guard let participant = try session.participant(id: participantID),
                      let channel = try session.channel(id: channelID),
                      participant.caseNumber == caseNumber, channel.caseNumber == caseNumber
                else {
                    sawBadTag = true
                    continue
                }
                return .channel(participant, channel)
            case let .success(.bounce(deliveryID)):
                return .bounce(deliveryID: deliveryID)
            case let .success(.ballot(offerID, participantID, choice)):
                guard let addressed = try session.participant(id: participantID), addressed.role == .consumer else {
                    sawBadTag = true
                    continue
                }
                return .ballot(offerID: offerID, addressed: addressed, choice: choice)
            case let .success(.join(caseNumber)):
                return .join(caseNumber: caseNumber)
            case let .success(.joinConfirmation(requestID)):
                return .joinConfirmation(requestID: requestID)
            case .failure:
                sawBadTag = true
            }
        }
        for messageID in reading.answeredMessageIDs {
            if let copy = try reading.sentCopy(messageID: messageID, in: session) {
                return .channel(copy.recipient, copy.channel)
            }
            if let requestID = try session.joinRequestID(letterMessageID: messageID) {
                return .joinConfirmation(requestID: requestID)
            }
        }
        let known = try knownSender()
        if sawBadTag {
            return .refused(.badToken, detail: "no valid tag", noticeTo: known)
        }
        if let known {
            return .refused(.unroutable, detail: "no tag and no known reference", noticeTo: known)
        }
        return .refused(.unknownSender, detail: "from \(reading.from ?? "nobody")", noticeTo: nil)
    }

    /// The sender as a participant, when From is one (their most recent case); nil for a
    /// stranger, who never gets an answer.
    func knownSender() throws -> Participant? {
        guard let from = reading.from else { return nil }
        return try session.participants(address: from).last
    }

    /// Holds the message (invariant 7) and, when the reason allows and the day's quota for
    /// that sender and reason is not used, queues a notice to the participant concerned.
    func hold(_ reason: HoldReason, detail: String, noticeTo participant: Participant?, channel: Channel? = nil) throws {
        let held = try session.hold(
            inboundID: inboundID, reason: reason, detail: detail, sender: reading.from,
            caseNumber: participant?.caseNumber ?? channel?.caseNumber, at: now)
        guard let participant, reason.sendsNotice,
              try session.shouldSendNotice(sender: participant.address, reason: reason, on: now)
        else { return }
        let home = try channel ?? session.room(caseNumber: participant.caseNumber)
        let notices = try context.postOffice.notice(
            "reject_\(reason.rawValue)",
            context: ["limit_mb": context.configuration.mediation.maxMessageMB],
            to: [participant], in: home, session: session, at: now)
        if !notices.isEmpty, let heldID = held.id { try session.markNoticeSent(heldID: heldID) }
    }

    /// A bounce that names one of our deliveries through its VERP address: that copy failed.
    /// Returns the detail for the held row. Bounces for anything else are only held.
    func recordBounce() throws -> String {
        for tag in reading.tags {
            if case let .success(.bounce(deliveryID)) = tag.reading {
                return try recordBounce(deliveryID: deliveryID)
            }
        }
        return "bounce for no delivery of ours"
    }

    func recordBounce(deliveryID: Int64) throws -> String {
        // Only a copy the server accepted can bounce; anything else is a forged or stray report.
        guard let delivery = try session.delivery(id: deliveryID), delivery.state == .sent else {
            return "bounce for delivery \(deliveryID), unknown or not sent"
        }
        let diagnostic = DeliveryStatus(reading.message).summary
        try session.markFailed(deliveryID: deliveryID, reply: "bounced: \(diagnostic)", at: now)
        try CaseAudit.recordBounce(delivery, reply: "bounced: \(diagnostic)", session: session, at: now)
        try session.countBounce(participantID: delivery.recipientID)
        try FailureReport(context: context, session: session, now: now)
            .tellMediator(delivery: delivery, reply: diagnostic)
        return "delivery \(deliveryID) bounced: \(diagnostic)"
    }

    /// Posts the reply: commands first (mediator, or a consumer withdrawing), then the text.
    func post(as author: Participant, in channel: Channel, caseRecord: Case) throws -> Bool {
        if channel.kind == .notes {
            try fileNote(by: author, in: channel, caseRecord: caseRecord)
            return true
        }
        if try takeLifecycle(as: author, in: channel, caseRecord: caseRecord) { return true }
        let reply = reading.reply
        let block = reading.commands
        var target = channel
        if !block.commands.isEmpty {
            let commands = Commands(handling: self, author: author, channel: channel, caseRecord: caseRecord)
            target = try commands.run(block.commands) ?? channel
            // After /close or /withdraw, nothing more is posted.
            guard try session.case(number: caseRecord.number)?.state == .open,
                  try session.participant(id: author.id)?.isActive == true
            else {
                try session.finishProcessed(inboundID: inboundID)
                return true
            }
        }
        let text = block.commands.isEmpty ? reply.text : block.body
        let (kept, dropped) = attachments(language: author.language)
        if Self.isBlank(text) && kept.isEmpty {
            if block.commands.isEmpty {
                try hold(.empty, detail: "nothing left once quotes were removed", noticeTo: author, channel: channel)
                return false
            }
            try session.finishProcessed(inboundID: inboundID)
            return true
        }
        let parent = try parentPost(in: target)
        let post = Post(
            caseNumber: caseRecord.number, channelID: target.id, authorID: author.id, inboundID: inboundID,
            parentID: parent, kind: .message, subject: reading.subject ?? "", replyText: text,
            fullText: reading.text ?? "", createdAt: now)
        try context.postOffice.relay(post, attachments: kept + dropped, in: target, session: session, at: now)
        if !dropped.isEmpty {
            try context.postOffice.notice(
                "attachments_dropped",
                context: [
                    "dropped": dropped.map { ["name": $0.filename, "reason": $0.dropReason ?? ""] },
                    "limit_mb": context.configuration.mediation.maxAttachmentMB,
                ],
                to: [author], in: target, session: session, at: now)
        }
        return true
    }

    /// True when nothing but white space is left. Most replies open with a printable ASCII
    /// character, which settles it without trimming a copy of the text.
    static func isBlank(_ text: String) -> Bool {
        if let first = text.unicodeScalars.first, first.isASCII, first.value > 0x20, first.value != 0x7F { return false }
        return text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }

    /// The post this message answers, when it answers a copy of a post in the same channel.
    func parentPost(in channel: Channel) throws -> Int64? {
        for messageID in reading.answeredMessageIDs {
            if let copy = try reading.sentCopy(messageID: messageID, in: session), copy.channel.id == channel.id {
                return copy.post.id
            }
        }
        return nil
    }

    /// The attachments to relay, and those dropped (kept in the record without their bytes).
    func attachments(language: Language) -> (kept: [Attachment], dropped: [Attachment]) {
        var kept: [Attachment] = []
        var dropped: [Attachment] = []
        for attachment in reading.attachments where !attachment.isInline {
            let filename = attachment.filename ?? "attachment"
            switch context.attachmentPolicy.verdict(
                filename: attachment.filename, contentType: attachment.contentType, size: attachment.size,
                language: language.rawValue) {
            case .keep:
                kept.append(Attachment(filename: filename, contentType: attachment.contentType, bytes: attachment.data))
            case let .drop(reason):
                dropped.append(Attachment(
                    droppedFilename: filename, contentType: attachment.contentType, size: attachment.size, reason: reason))
            }
        }
        return (kept, dropped)
    }

    /// The mediator forwarded something to their notes address: it goes in the case file
    /// with every attachment, and is never relayed.
    func fileNote(by mediator: Participant, in notes: Channel, caseRecord: Case) throws {
        let attachments = reading.attachments.map {
            Attachment(filename: $0.filename ?? "attachment", contentType: $0.contentType, bytes: $0.data)
        }
        let post = Post(
            caseNumber: caseRecord.number, channelID: notes.id, authorID: mediator.id, inboundID: inboundID,
            kind: .note, subject: reading.subject ?? "", replyText: reading.text ?? "",
            fullText: reading.text ?? "", createdAt: now)
        try context.postOffice.file(post, attachments: attachments, session: session, at: now)
        try context.postOffice.notice(
            "note_filed",
            context: [
                "note_subject": AddressMask.hide(
                    AddressMask.present(in: reading.subject ?? "", among: try session.participants(caseNumber: caseRecord.number)),
                    in: reading.subject ?? "", reader: mediator, placeholder: AddressMask.placeholder(mediator.language)),
                "attachment_count": attachments.count,
            ],
            to: [mediator], in: try session.room(caseNumber: caseRecord.number), session: session, at: now)
    }
}
