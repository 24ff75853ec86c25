import Foundation
import Mediation

/// Everything needed to write one recipient's copy of one post.
public struct CopyRequest: Sendable {
    public var caseRecord: Case
    public var channel: Channel
    /// The channel's active members, for the footer that says who reads it.
    public var members: [Participant]
    /// Who wrote it; nil for the gateway's own posts.
    public var author: Participant?
    public var recipient: Participant
    /// The case's mediator and company names, for templates that mention them.
    public var mediatorName: String
    public var content: PostContent
    /// This copy's own Message-ID, without angle brackets; fixed when the delivery row was
    /// written, so a copy sent twice after a crash carries the same one.
    public var messageID: String
    public var threading: ThreadingPlan
    /// Participants' real addresses found in a relayed text: each is hidden from every
    /// recipient but its owner.
    public var typedAddresses: [String] = []

    public init(
        caseRecord: Case, channel: Channel, members: [Participant], author: Participant?,
        recipient: Participant, mediatorName: String, content: PostContent, messageID: String,
        threading: ThreadingPlan
    ) {
        self.caseRecord = caseRecord
        self.channel = channel
        self.members = members
        self.author = author
        self.recipient = recipient
        self.mediatorName = mediatorName
        self.content = content
        self.messageID = messageID
        self.threading = threading
    }
}
