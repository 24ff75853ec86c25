import Foundation
import MIME
import Mediation
import Store

/// Joining by email, inside Intake's transaction (double opt-in).
///
/// Mail to a case's join address opens a join request for its From address and queues a
/// confirmation letter to that address only, from a signed address naming the request. A
/// reply to that address from the same address enrolls it as a consumer; from any other
/// address it is held. So a forged From can only make the real owner receive a letter, at
/// most once a day, and never enrolls them. Reads cases, participants, join requests;
/// writes join requests, join mail, participants, claims, the welcome, audit events; on any failure the
/// transaction rolls back and Intake holds the message.
extension Handling {
    /// How long before a second request from the same pending address gets the letter again.
    static let joinLetterInterval: TimeInterval = 86_400

    /// Mail to the join address of `caseNumber`.
    func takeJoinRequest(caseNumber: Int64) throws -> Bool {
        guard let from = reading.from, let caseRecord = try session.case(number: caseNumber) else {
            try hold(.badToken, detail: "join address of case \(caseNumber), unknown or no From", noticeTo: nil)
            return false
        }
        if let present = try session.participant(caseNumber: caseNumber, address: from) {
            return try tellAlreadyIn(present, caseRecord: caseRecord, detail: "join address")
        }
        guard caseRecord.state == .open else {
            try hold(.caseClosed, detail: "join request from \(from) for a closed case", noticeTo: nil,
                     channel: nil)
            return false
        }
        if let pending = try session.pendingJoinRequest(caseNumber: caseNumber, address: from) {
            if now.timeIntervalSince(pending.lastSentAt) >= Self.joinLetterInterval {
                try JoinLetter(context: context).queue(
                    "join_confirm", for: pending, caseRecord: caseRecord, answering: reading.message.messageID,
                    session: session, at: now)
                try session.markJoinLetterResent(requestID: pending.id!, at: now)
            }
            try session.finishProcessed(inboundID: inboundID)
            return true
        }
        let name = reading.message.from.first?.name?.trimmingCharacters(in: .whitespacesAndNewlines)
        let request = try session.openJoinRequest(
            caseNumber: caseNumber, address: from,
            displayName: name.flatMap { $0.isEmpty ? nil : $0 } ?? MailAddress(address: from).localPart,
            language: caseRecord.language, inboundID: inboundID, at: now)
        try CaseAudit.append(caseNumber: caseNumber, kind: "join.requested", detail: ["request": String(request.id!)],
                             session: session, at: now)
        try JoinLetter(context: context).queue(
            "join_confirm", for: request, caseRecord: caseRecord, answering: reading.message.messageID,
            session: session, at: now)
        try session.finishProcessed(inboundID: inboundID)
        return true
    }

    /// A reply to the confirmation address of join request `requestID`.
    func confirmJoin(requestID: Int64) throws -> Bool {
        guard let request = try session.joinRequest(id: requestID) else {
            try hold(.badToken, detail: "join request \(requestID) does not exist", noticeTo: nil)
            return false
        }
        // The confirmation address is a password only for the address it was sent to.
        let sender = Participant.matchingForm(of: reading.from ?? "")
        guard sender == request.address else {
            try hold(.senderMismatch, detail: "confirmation of join request \(requestID) sent by \(sender)",
                     noticeTo: nil)
            return false
        }
        if case let .refuse(detail) = context.authentication.verdict(headers: reading.headers) {
            try hold(.authenticationFailed, detail: detail, noticeTo: nil)
            return false
        }
        guard let caseRecord = try session.case(number: request.caseNumber) else {
            try hold(.badToken, detail: "case \(request.caseNumber) does not exist", noticeTo: nil)
            return false
        }
        if let present = try session.participant(caseNumber: request.caseNumber, address: sender) {
            if request.state == .pending {
                try session.resolveJoinRequest(id: requestID, as: .confirmed, participantID: present.id, at: now)
            }
            return try tellAlreadyIn(present, caseRecord: caseRecord, detail: "join confirmation")
        }
        guard request.state == .pending else {
            try hold(.unroutable, detail: "join request \(requestID) is already \(request.state.rawValue)",
                     noticeTo: nil)
            return false
        }
        let letter = JoinLetter(context: context)
        let messageID = reading.message.messageID
        /// Refuses the request for `reason` (`closed`, `full`): recorded, and the writer told
        /// why in the refusal letter, whose template names the reason.
        func refuse(_ reason: String) throws -> Bool {
            try session.resolveJoinRequest(id: requestID, as: .refused, participantID: nil, at: now)
            try CaseAudit.append(
                caseNumber: request.caseNumber, kind: "join.refused",
                detail: ["request": String(requestID), "reason": reason], session: session, at: now)
            try letter.queue("join_refused", for: request, caseRecord: caseRecord, extra: [reason: true],
                             answering: messageID, session: session, at: now)
            try session.finishProcessed(inboundID: inboundID)
            return true
        }
        guard caseRecord.state == .open else { return try refuse("closed") }
        let consumers = try session.participants(caseNumber: request.caseNumber).filter { $0.role == .consumer }.count
        guard consumers < context.configuration.mediation.maxConsumers else { return try refuse("full") }
        let consumer = try session.addParticipant(
            caseNumber: request.caseNumber, role: .consumer, address: request.originalAddress,
            displayName: request.displayName, language: request.language, at: now)
        try session.resolveJoinRequest(id: requestID, as: .confirmed, participantID: consumer.id, at: now)
        try CaseAudit.append(
            caseNumber: request.caseNumber, kind: "join.confirmed",
            detail: ["request": String(requestID), "participant": String(consumer.id)], session: session, at: now)
        var extra: [String: Any] = [:]
        if let claim = JoinClaim(parsing: reading.reply.text) {
            try session.setClaim(participantID: consumer.id, amount: claim.amount, description: claim.description, at: now)
            extra["claim_amount"] = claim.amount.description
        }
        try context.postOffice.notice(
            "welcome", kind: .welcome, context: extra, to: [consumer],
            in: try session.room(caseNumber: request.caseNumber), session: session, at: now)
        try session.finishProcessed(inboundID: inboundID)
        return true
    }

    /// A participant wrote to the join address (or confirmed again): tell them, once a day.
    private func tellAlreadyIn(_ participant: Participant, caseRecord: Case, detail: String) throws -> Bool {
        guard participant.isActive, caseRecord.state == .open else {
            try hold(participant.isActive ? .caseClosed : .withdrawn,
                     detail: "\(detail) from participant \(participant.id)", noticeTo: nil)
            return false
        }
        if try !session.joinNoticeSent(participantID: participant.id, template: "join_already", on: now) {
            try context.postOffice.notice(
                "join_already", to: [participant], in: try session.room(caseNumber: caseRecord.number),
                session: session, at: now)
        }
        try session.finishProcessed(inboundID: inboundID)
        return true
    }
}
