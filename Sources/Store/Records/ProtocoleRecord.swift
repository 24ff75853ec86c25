import Foundation
import GRDB

/// A row of `protocoles`: a settled case's agreement, from the draft the gateway rendered
/// to the text the reviewing lawyer approved.
public struct ProtocoleRecord: StoreRecord, Sendable {
    public static let databaseTableName = "protocoles"

    /// Where the agreement stands: awaiting the reviewer, or approved and sent to the parties.
    public enum State: String, Codable, Sendable {
        case draft
        case approved
    }

    public var caseNumber: Int64
    public var state: State
    /// "fr" or "en": the case's language, in which the agreement is written.
    public var language: String
    /// What the gateway rendered from the template when the case was settled; never changes.
    public var renderedText: String
    /// The text under review, then the approved text.
    public var text: String
    /// The lawyer, or the mediator when the case has no lawyer.
    public var reviewerID: Int64
    /// The corrected version the reviewer sent, as it came.
    public var correctedFilename: String?
    public var correctedContentType: String?
    public var correctedBytes: Data?
    public var draftedAt: Date
    public var correctedAt: Date?
    public var approvedAt: Date?
    public var approvedByID: Int64?
}
