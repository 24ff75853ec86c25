import Foundation
import MIME

/// What one post says, before it is written out for each recipient.
public enum PostContent: Sendable {
    /// A participant's words, relayed to the other members with their attachments.
    case message(text: String, attachments: [OutgoingAttachment])
    /// Words of the gateway itself (welcome, notices, confirmations): a template rendered in
    /// each recipient's language, with values given as a JSON object.
    case notice(template: String, contextJSON: String)
}
