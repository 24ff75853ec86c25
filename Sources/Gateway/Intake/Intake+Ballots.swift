import Foundation
import MIME
import Mediation
import Store

/// Intake's part of the mediation's lifecycle: offers, the tally, and ballots, whether sent
/// to a personal answer address or as a plain reply to the offer.
extension Handling {
    /// Takes a reply that is an offer, a proposal, a tally request, or a consumer's plain
    /// answer to their copy of an offer. Returns false for anything else, which is posted
    /// as usual.
    func takeLifecycle(as author: Participant, in channel: Channel, caseRecord: Case) throws -> Bool {
        let text = reading.reply.text
        let command = Self.mayOpenWithCommand(text)
        // For a ballot, the copy is looked up before the text is read: the lookup is remembered
        // for the parent post anyway, and most replies answer no offer.
        if command, let source = OfferParser.source(of: text) {
            try OfferDesk(context: context, session: session, now: now)
                .receive(text, source: source, from: author, caseRecord: caseRecord)
        } else if command, TallyDesk.asks(text) {
            try TallyDesk(context: context, session: session, now: now).answer(author, caseRecord: caseRecord)
        } else if author.role == .consumer, let offerID = try answeredOffer(by: author),
                  let choice = BallotChoice.read(text: text, subject: nil) {
            try BallotDesk(context: context, session: session, now: now, inboundID: inboundID)
                .cast(choice, offerID: offerID, addressed: author, sender: author)
        } else {
            return false
        }
        try session.finishProcessed(inboundID: inboundID)
        return true
    }

    /// False when the first thing written is plainly not a slash command (an ASCII character
    /// other than `/`), so most replies skip the offer and tally parsers, which fold case and
    /// accents line by line. Anything else, even a lone accent, goes to the parsers.
    static func mayOpenWithCommand(_ text: String) -> Bool {
        for scalar in text.unicodeScalars where !scalar.properties.isWhitespace {
            return !scalar.isASCII || scalar == "/"
        }
        return false
    }

    /// The offer whose copy this message answers, when it answers `author`'s own copy.
    func answeredOffer(by author: Participant) throws -> Int64? {
        for messageID in reading.answeredMessageIDs {
            guard let copy = try reading.sentCopy(messageID: messageID, in: session), copy.recipient.id == author.id,
                  copy.post.template == "offer", let json = copy.post.context
            else { continue }
            if let id = RelayComposer.decode(json)["offer_id"] as? Int { return Int64(id) }
            if let id = RelayComposer.decode(json)["offer_id"] as? Int64 { return id }
        }
        return nil
    }

    /// Mail to a personal answer address. The sender must be the consumer it names: the
    /// address can be forwarded, so anyone else is refused (told why only if they are a
    /// party to the case; a stranger gets nothing, as everywhere). Returns true when counted
    /// or answered as a ballot.
    func castBallot(_ choice: BallotChoice, offerID: Int64, addressed: Participant) throws -> Bool {
        guard let caseRecord = try session.case(number: addressed.caseNumber) else {
            try hold(.badToken, detail: "ballot for case \(addressed.caseNumber), which does not exist", noticeTo: nil)
            return false
        }
        let sender = try reading.from.flatMap { try session.participant(caseNumber: caseRecord.number, address: $0) }
        if case let .refuse(detail) = context.authentication.verdict(headers: reading.headers) {
            try hold(.authenticationFailed, detail: detail, noticeTo: nil)
            return false
        }
        guard let sender else {
            try hold(.senderMismatch, detail: "ballot of participant \(addressed.id) sent by \(reading.from ?? "nobody")",
                     noticeTo: nil)
            return false
        }
        let room = try session.room(caseNumber: caseRecord.number)
        if case let .refuse(reason) = Authorization.decide(
            caseState: caseRecord.state, author: sender, channel: room, tokenParticipant: sender.id) {
            try hold(reason, detail: "ballot for offer \(offerID)", noticeTo: sender, channel: room)
            return false
        }
        try BallotDesk(context: context, session: session, now: now, inboundID: inboundID)
            .cast(choice, offerID: offerID, addressed: addressed, sender: sender)
        if sender.id != addressed.id {
            // Kept for the operator with its reason; the sender was told by the ballot desk.
            try hold(.senderMismatch, detail: "ballot of participant \(addressed.id) sent by participant \(sender.id)",
                     noticeTo: nil)
            return false
        }
        try session.finishProcessed(inboundID: inboundID)
        return true
    }
}
