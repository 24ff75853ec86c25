import Foundation
import GRDB
import Mediation

extension StoreSession {
    /// Records a new pending join request of `address` for a case.
    public func openJoinRequest(
        caseNumber: Int64, address: String, displayName: String, language: Language, inboundID: Int64?, at date: Date
    ) throws -> JoinRequest {
        var request = JoinRequest(
            caseNumber: caseNumber, address: Participant.matchingForm(of: address),
            originalAddress: address.trimmingCharacters(in: .whitespaces), displayName: displayName,
            language: language, state: .pending, inboundID: inboundID, requestedAt: date, lastSentAt: date)
        try request.insert(db)
        return request
    }

    public func joinRequest(id: Int64) throws -> JoinRequest? {
        try JoinRequest.fetchOne(db, key: id)
    }

    /// The pending request of `address` for a case, if any.
    public func pendingJoinRequest(caseNumber: Int64, address: String) throws -> JoinRequest? {
        try JoinRequest
            .filter(JoinRequest.Columns.caseNumber == caseNumber
                    && JoinRequest.Columns.address == Participant.matchingForm(of: address)
                    && JoinRequest.Columns.state == JoinRequest.State.pending.rawValue)
            .fetchOne(db)
    }

    /// Every request of a case, oldest first.
    public func joinRequests(caseNumber: Int64) throws -> [JoinRequest] {
        try JoinRequest.filter(JoinRequest.Columns.caseNumber == caseNumber)
            .order(JoinRequest.Columns.id).fetchAll(db)
    }

    /// Notes that the confirmation letter was queued again at `date`.
    public func markJoinLetterResent(requestID: Int64, at date: Date) throws {
        try db.execute(sql: "UPDATE join_requests SET last_sent_at = ? WHERE id = ?", arguments: [date, requestID])
    }

    /// Closes a pending request: confirmed with the participant it became, or refused.
    public func resolveJoinRequest(id: Int64, as state: JoinRequest.State, participantID: Int64?, at date: Date) throws {
        guard var request = try JoinRequest.fetchOne(db, key: id) else { return }
        request.state = state
        request.participantID = participantID
        request.resolvedAt = date
        try request.update(db)
    }

    /// Queues a finished letter to a requester; the database refuses any other recipient.
    @discardableResult
    public func queueJoinMail(
        requestID: Int64, template: String, recipient: String, messageID: String, raw: Data, at date: Date
    ) throws -> JoinMail {
        var mail = JoinMail(
            requestID: requestID, template: template, recipient: recipient, messageID: messageID, raw: raw,
            state: .queued, attempts: 0, createdAt: date, updatedAt: date)
        try mail.insert(db)
        return mail
    }

    /// Letters to send now: queued, and deferred whose retry time has come, oldest first.
    public func dueJoinMail(now: Date, limit: Int) throws -> [JoinMail] {
        try JoinMail.filter(
            JoinMail.Columns.state == Delivery.State.queued.rawValue
                || (JoinMail.Columns.state == Delivery.State.deferred.rawValue && JoinMail.Columns.retryAt <= now))
            .order(JoinMail.Columns.id).limit(limit).fetchAll(db)
    }

    /// Every letter written for one request, oldest first.
    public func joinMail(requestID: Int64) throws -> [JoinMail] {
        try JoinMail.filter(JoinMail.Columns.requestID == requestID).order(JoinMail.Columns.id).fetchAll(db)
    }

    /// Records one attempt at sending a letter.
    public func markJoinMail(id: Int64, state: Delivery.State, reply: String?, retryAt: Date?, at date: Date) throws {
        guard var mail = try JoinMail.fetchOne(db, key: id) else { return }
        mail.state = state
        mail.attempts += 1
        mail.retryAt = retryAt
        mail.lastReply = reply
        mail.updatedAt = date
        try mail.update(db)
    }

    /// Whether a notice from `template` went to a participant in the 24 hours before `date`:
    /// the join address answers a participant at most once a day.
    public func joinNoticeSent(participantID: Int64, template: String, on date: Date) throws -> Bool {
        try Bool.fetchOne(db, sql: """
            SELECT EXISTS (
                SELECT 1 FROM deliveries d JOIN posts p ON p.id = d.post_id
                WHERE d.recipient_id = ? AND p.template = ? AND d.created_at > ?
            )
            """, arguments: [participantID, template, date.addingTimeInterval(-86_400)]) ?? false
    }

    /// The join request a letter with this Message-ID was written for: what a confirmation
    /// sent to the bare gateway address answers.
    public func joinRequestID(letterMessageID messageID: String) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT request_id FROM join_mail WHERE message_id = ?", arguments: [messageID])
    }
}

/// A join letter as the operator sees it in the outbox: everything but its bytes.
public struct QueuedJoinLetter: Sendable, Codable, FetchableRecord {
    public var id: Int64
    public var requestID: Int64
    public var caseNumber: Int64
    public var template: String
    public var recipient: String
    public var state: Delivery.State
    public var attempts: Int
    public var retryAt: Date?
    public var lastReply: String?
    public var createdAt: Date

    public init(row: Row) throws {
        id = row["id"]
        requestID = row["request_id"]
        caseNumber = row["case_number"]
        template = row["template"]
        recipient = row["recipient"]
        state = Delivery.State(rawValue: row["state"]) ?? .queued
        attempts = row["attempts"]
        retryAt = row["retry_at"]
        lastReply = row["last_reply"]
        createdAt = row["created_at"]
    }
}

extension StoreSession {
    /// A case's requests still waiting for their confirmation reply, oldest first.
    public func pendingJoinRequests(caseNumber: Int64) throws -> [JoinRequest] {
        try JoinRequest.filter(JoinRequest.Columns.caseNumber == caseNumber && JoinRequest.Columns.state == JoinRequest.State.pending.rawValue)
            .order(JoinRequest.Columns.id).fetchAll(db)
    }

    /// How many requests of a case wait for their confirmation reply.
    public func pendingJoinRequestCount(caseNumber: Int64) throws -> Int {
        try JoinRequest.filter(JoinRequest.Columns.caseNumber == caseNumber && JoinRequest.Columns.state == JoinRequest.State.pending.rawValue)
            .fetchCount(db)
    }

    /// Join letters in these states, oldest first, for one case or all, without their bytes.
    public func joinLetters(states: [Delivery.State], caseNumber: Int64?, limit: Int) throws -> [QueuedJoinLetter] {
        guard !states.isEmpty else { return [] }
        let marks = states.map { _ in "?" }.joined(separator: ", ")
        var arguments = StatementArguments(states.map(\.rawValue))
        arguments += [caseNumber, caseNumber, limit]
        return try QueuedJoinLetter.fetchAll(db, sql: """
            SELECT m.id, m.request_id, r.case_number, m.template, m.recipient, m.state, m.attempts, m.retry_at,
                   m.last_reply, m.created_at
            FROM join_mail m JOIN join_requests r ON r.id = m.request_id
            WHERE m.state IN (\(marks)) AND (? IS NULL OR r.case_number = ?)
            ORDER BY m.id LIMIT ?
            """, arguments: arguments)
    }

    /// Join letters by state, for one case or all.
    public func joinLetterCounts(caseNumber: Int64?) throws -> [Delivery.State: Int] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT m.state, COUNT(*) AS n FROM join_mail m JOIN join_requests r ON r.id = m.request_id
            WHERE ? IS NULL OR r.case_number = ? GROUP BY m.state
            """, arguments: [caseNumber, caseNumber])
        var counts: [Delivery.State: Int] = [:]
        for row in rows { if let state = Delivery.State(rawValue: row["state"]) { counts[state] = row["n"] } }
        return counts
    }
}
