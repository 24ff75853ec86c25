import Foundation
import GRDB

extension StoreSession {
    /// Stores the agreement the gateway rendered for a settled case, awaiting `reviewerID`.
    @discardableResult
    public func draftProtocole(caseNumber: Int64, language: String, text: String, reviewerID: Int64,
                               at date: Date) throws -> ProtocoleRecord {
        var record = ProtocoleRecord(
            caseNumber: caseNumber, state: .draft, language: language, renderedText: text, text: text,
            reviewerID: reviewerID, draftedAt: date)
        try record.insert(db)
        return record
    }

    public func protocole(caseNumber: Int64) throws -> ProtocoleRecord? {
        try ProtocoleRecord.fetchOne(db, key: caseNumber)
    }

    /// Replaces the draft under review by the reviewer's corrected version; nil (and nothing
    /// written) when the case has no agreement in review.
    @discardableResult
    public func correctProtocole(caseNumber: Int64, text: String, filename: String, contentType: String, bytes: Data,
                                 at date: Date) throws -> ProtocoleRecord? {
        guard var record = try protocole(caseNumber: caseNumber), record.state == .draft else { return nil }
        record.text = text
        record.correctedFilename = filename
        record.correctedContentType = contentType
        record.correctedBytes = bytes
        record.correctedAt = date
        try record.update(db)
        return record
    }

    /// Marks the draft approved (its text is the one sent to the parties); nil when the case
    /// has no agreement in review.
    @discardableResult
    public func approveProtocole(caseNumber: Int64, by participantID: Int64, at date: Date) throws -> ProtocoleRecord? {
        guard var record = try protocole(caseNumber: caseNumber), record.state == .draft else { return nil }
        record.state = .approved
        record.approvedAt = date
        record.approvedByID = participantID
        try record.update(db)
        return record
    }
}
